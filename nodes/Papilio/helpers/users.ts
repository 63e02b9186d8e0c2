import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseId } from '../../shared/validation';

/** An optional user ID: empty means the credential's own user. */
export function userIdField(description: string): INodeProperties {
	return {
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: 'Leave empty for your own user',
		description: `${description}. Other users than your own need the editUsers permission.`,
	};
}

/** The user path segment (`/42`), or '' for the current user. */
export function userSegment(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('userId', itemIndex, '') as unknown;
	if (value === '' || value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return '';
	return `/${parseId(context.getNode(), value, 'User ID', itemIndex)}`;
}
