import type { IDataObject } from 'n8n-workflow';

/** One output item of Check Instance: one assumption the package makes about a system, and what the system did. */
export interface CheckRow extends IDataObject {
	check: string;
	/** true: as assumed; false: not as assumed (or the request failed); null: nothing to check it on. */
	ok: boolean | null;
	seen: string;
	expected: string;
	hint: string;
}
