/**
 * parameterSecrets: the values of an operation's password-typed parameters for an item, at the top
 * level and inside collections and fixed collections (single and multiple values), and nothing else.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterSecrets, rememberParameters } from '../../nodes/shared/parameterSecrets';

const PROPERTIES: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{ displayName: 'Key', name: 'key', type: 'string', typeOptions: { password: true }, default: '' },
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'collection',
		default: {},
		options: [
			{ displayName: 'Label', name: 'label', type: 'string', default: '' },
			{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		],
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		options: [
			{
				displayName: 'Header',
				name: 'header',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', typeOptions: { password: true }, default: '' },
				],
			},
		],
	},
	{
		displayName: 'Auth',
		name: 'auth',
		type: 'fixedCollection',
		default: {},
		options: [{ displayName: 'Basic', name: 'basic', values: [{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '' }] }],
	},
];

function contextWith(items: IDataObject[]) {
	const reads: Array<[string, number]> = [];
	const context = {
		getInputData: () => items.map(() => ({ json: {} })),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			reads.push([name, itemIndex]);
			return items[itemIndex][name] ?? fallback;
		},
	} as unknown as IExecuteFunctions;
	return { context, reads };
}

const ITEM: IDataObject = {
	name: 'visible-name',
	key: 'top-secret-1',
	fields: { label: 'visible-label', password: 'nested-secret-2' },
	headers: { header: [{ name: 'X-A', value: 'header-secret-3' }, { name: 'X-B', value: 'header-secret-4' }] },
	auth: { basic: { secret: 'single-secret-5' } },
};

test('every password-typed value of the item, nested ones included, and nothing else', () => {
	const { context, reads } = contextWith([ITEM, { key: 'other-item-secret' }]);
	rememberParameters(context, PROPERTIES);

	expect(parameterSecrets(context, 0).sort()).toEqual(['header-secret-3', 'header-secret-4', 'nested-secret-2', 'single-secret-5', 'top-secret-1']);
	// Only parameters that hold a password field are read.
	expect(reads.map(([name]) => name)).not.toContain('name');
	expect(parameterSecrets(context, 1)).toEqual(['other-item-secret']);
	expect(parameterSecrets(context).sort()).toEqual([...parameterSecrets(context, 0), 'other-item-secret'].sort());
});

test('nothing for a context the dispatcher did not record, or an operation without password fields', () => {
	const { context } = contextWith([ITEM]);
	expect(parameterSecrets(context, 0)).toEqual([]);
	rememberParameters(context, [PROPERTIES[0]]);
	expect(parameterSecrets(context, 0)).toEqual([]);
});

test('a parameter that cannot be read is skipped', () => {
	const { context } = contextWith([ITEM]);
	(context as unknown as { getNodeParameter: unknown }).getNodeParameter = (name: string) => {
		if (name === 'key') throw new Error('expression failed');
		return ITEM[name];
	};
	rememberParameters(context, PROPERTIES);
	expect(parameterSecrets(context, 0)).not.toContain('top-secret-1');
	expect(parameterSecrets(context, 0)).toContain('nested-secret-2');
});
