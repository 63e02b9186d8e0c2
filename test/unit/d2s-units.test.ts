/** Units from the form or from JSON become the API's `units` array, or an error naming the field. */
import type { INode } from 'n8n-workflow';

import { unitsFromFields, unitsFromJson } from '../../nodes/D2sWorkflow/helpers/units';

const node: INode = { id: 'n', name: 'D2S Workflow', type: 'n8n-nodes-print-workflow.d2sWorkflow', typeVersion: 1, position: [0, 0], parameters: {} };

test('fields become units with trimmed base and slot names, in the order entered', () => {
	const units = unitsFromFields(
		node,
		{
			unit: [
				{ base: ' base-a ', slots: { slot: [{ slot: 'Slot 2 ', image: 'https://x.example/2.jpg' }, { slot: 'Slot 1', image: 'http://x.example/1.png' }] } },
				{ base: 'base-b', slots: { slot: [{ slot: 'Front', image: 'https://x.example/f.jpg?size=large' }] } },
			],
		},
		4,
	);
	expect(units).toEqual([
		{ base: 'base-a', payload: [{ slot: 'Slot 2', image: 'https://x.example/2.jpg' }, { slot: 'Slot 1', image: 'http://x.example/1.png' }] },
		{ base: 'base-b', payload: [{ slot: 'Front', image: 'https://x.example/f.jpg?size=large' }] },
	]);
});

test('JSON may be text or an already parsed array (from an expression)', () => {
	const units = [{ base: 'b', payload: [{ slot: 'S', image: 'https://x.example/s.jpg' }] }];
	expect(unitsFromJson(node, JSON.stringify(units), 0)).toEqual(units);
	expect(unitsFromJson(node, units, 0)).toEqual(units);
});

test.each([
	[{ unit: [{ base: 'b', slots: { slot: [{ slot: 'S', image: 'mailto:a@b.cd' }] } }] }, 'Units › Unit 1 › Slot 1 › Image URL: must be an http(s) URL, got "mailto:a@b.cd" (item 2)'],
	[{ unit: [{ base: 'b', slots: { slot: [{ slot: '', image: 'https://x.example/a.jpg' }] } }] }, 'Units › Unit 1 › Slot 1 › Slot Name: is required (item 2)'],
	[
		{ unit: [{ base: 'b', slots: { slot: [{ slot: 'S', image: 'https://x.example/a.jpg' }] } }, { base: 'c', slots: {} }] },
		'Units › Unit 2 › Slots: add at least one slot with an image (item 2)',
	],
])('fields error %#', (parameter, message) => {
	expect(() => unitsFromFields(node, parameter, 2)).toThrow(message);
});

test('the same slot name in two different units is allowed', () => {
	const slot = { slot: [{ slot: 'Slot 1', image: 'https://x.example/a.jpg' }] };
	expect(unitsFromFields(node, { unit: [{ base: 'a', slots: slot }, { base: 'a', slots: slot }] }, 0)).toHaveLength(2);
});

test.each([
	['{"base": 1}', 'Units (JSON): must be a JSON array (item 0)'],
	['[42]', 'Units (JSON) [0]: must be an object with "base" and "payload" (item 0)'],
	['[{"base": 7, "payload": []}]', 'Units (JSON) [0].base: must be a string (the widget\'s data-unit) (item 0)'],
	['[{"base": "b", "payload": {"slot": "S"}}]', 'Units (JSON) [0].payload: must be an array of {"slot", "image"} (item 0)'],
	['[{"base": "b", "payload": [{"slot": "S", "image": "https://x.example/a.jpg", "crop": true}]}]', 'Units (JSON) [0].payload[0]: unknown key "crop": a slot has only "slot" and "image" (item 0)'],
	['[{"base": "b", "payload": [{"slot": "S", "image": "x.example/a.jpg"}]}]', 'Units (JSON) [0].payload[0].image: "x.example/a.jpg" is not an absolute URL (item 0)'],
])('JSON error for %s', (json, message) => {
	expect(() => unitsFromJson(node, json, 0)).toThrow(message);
});
