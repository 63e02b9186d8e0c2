/** The order, job or client whose production queues Get For Entity / Set For Entity read or set. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { hasOwn, invalidInput } from '../../../shared/validation';
import { clientIdField } from '../client/common';
import { jobIdLocator, orderIdLocator } from '../common.descriptions';
import { readId } from '../parameters';

const ENTITY_ID_PARAMETERS = { order: 'orderId', job: 'jobId', client: 'clientId' } as const;
type EntityType = keyof typeof ENTITY_ID_PARAMETERS;

/** Entity Type, then the order, job or client picker for the chosen type. */
export const entityFields: INodeProperties[] = [
	{
		displayName: 'Entity Type',
		name: 'entityType',
		type: 'options',
		options: [
			{ name: 'Client', value: 'client', description: 'The queues a client\'s new orders and jobs may use' },
			{ name: 'Job', value: 'job' },
			{ name: 'Order', value: 'order' },
		],
		default: 'job',
		description: 'Whose production queues',
	},
	{ ...orderIdLocator, displayOptions: { show: { entityType: ['order'] } } },
	{ ...jobIdLocator, displayOptions: { show: { entityType: ['job'] } } },
	{ ...clientIdField, displayOptions: { show: { entityType: ['client'] } } },
];

/** The API path of the chosen entity's queues, `/tflow/{entityType}/{entityId}`, checked before anything is sent. */
export function readEntityPath(this: IExecuteFunctions, itemIndex: number): { entityType: EntityType; entityId: number; path: string } {
	const entityType = this.getNodeParameter('entityType', itemIndex) as EntityType;
	if (typeof entityType !== 'string' || !hasOwn(ENTITY_ID_PARAMETERS, entityType)) {
		throw invalidInput(this.getNode(), 'entityType', itemIndex, `must be order, job or client, got ${JSON.stringify(entityType)}`);
	}
	const entityId = readId.call(this, ENTITY_ID_PARAMETERS[entityType], itemIndex);
	return { entityType, entityId, path: `/tflow/${entityType}/${entityId}` };
}
