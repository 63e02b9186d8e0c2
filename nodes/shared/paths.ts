import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A `.` or `..` segment, also with path parameters (`..;x`): servers with Tomcat-style path handling
 * drop what follows `;` and then resolve the dots.
 */
export function isDotSegment(text: string): boolean {
	const bare = text.split(';')[0];
	return bare === '.' || bare === '..';
}

/** A segment URL parsing (or the server) would drop or resolve: empty, `.` or `..`. */
function isUnsafeSegment(text: string): boolean {
	return text === '' || isDotSegment(text);
}

/**
 * A value (an id, a search term, a credential field) encoded as one URL path segment. Empty, `.`
 * and `..` are refused: encodeURIComponent leaves dots alone and URL parsing resolves them, so they
 * would send the request (and its credentials) to another path.
 */
export function pathSegment(node: INode, value: unknown, field: string, itemIndex?: number, keep: RegExp = /(?!)/): string {
	const text = String(value ?? '').trim();
	if (isUnsafeSegment(text)) {
		throw new NodeOperationError(node, `${field}: "${text}" cannot be used as part of a URL path`, {
			itemIndex,
			description: `${field} must not be empty, "." or "..". Enter the value itself.`,
		});
	}
	return encodeURIComponent(text).replace(new RegExp(keep.source, 'gi'), (match) => decodeURIComponent(match));
}

/**
 * The last defence of a transport: a request path none of whose segments is empty, `.` or `..`
 * (in any percent-encoding). Path builders refuse such values with the field's name first.
 */
export function checkedPath(node: INode, path: string, itemIndex?: number): string {
	const segments = path.replace(/^\//, '').split('/');
	for (const segment of segments) {
		let decoded = segment;
		try {
			decoded = decodeURIComponent(segment);
		} catch {
			// not percent-encoded text: checked as it is
		}
		if (isUnsafeSegment(decoded)) {
			throw new NodeOperationError(node, `The request path "${path.slice(0, 200)}" has an empty, "." or ".." segment`, {
				itemIndex,
				description: 'A value used in the URL is empty, "." or "..". Check the ids and text fields of this item.',
			});
		}
	}
	return path;
}
