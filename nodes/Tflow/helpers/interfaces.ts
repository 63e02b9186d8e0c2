/** A job as tFLOW returns it (only the fields the node reads). */
export interface TflowJob {
	id: number;
	name?: string;
	current_state_name?: string;
	revision_count?: number;
}
