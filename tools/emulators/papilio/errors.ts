import { HttpError } from '../common/server';

/** HTTP status of each error code in the spec's "Errors" section. */
const STATUS_OF = {
	bad_request: 400,
	forbidden: 403,
	not_found: 404,
	method_not_allowed: 405,
	internal_server_error: 500,
	not_implemented: 501,
	invalid_client: 400,
	invalid_uri: 400,
	invalid_grant: 400,
	invalid_request: 400,
	invalid_token: 401,
	invalid_user: 403,
} as const;

export type PapilioErrorCode = keyof typeof STATUS_OF;

/** `{"error": code, "error_description": text}` with the spec's status. */
export function papilioError(code: PapilioErrorCode, description: string): HttpError {
	return new HttpError(STATUS_OF[code], { error: code, error_description: description });
}
