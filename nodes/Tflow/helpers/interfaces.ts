import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../shared/execute';

/** One operation of the tFLOW node: its parameters and what it does for one input item. */
export interface TflowOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult>;
}

/** A job as tFLOW returns it (only the fields the node reads). */
export interface TflowJob {
	id: number;
	name?: string;
	current_state_name?: string;
	revision_count?: number;
}
