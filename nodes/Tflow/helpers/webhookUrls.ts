/**
 * Webhook URLs as the tFLOW Trigger registers them: n8n's webhook URL with the secret as `?secret=`.
 * The tFLOW node's Webhook operations show such URLs, so the redaction lives here for both.
 */

/** The value of a URL's `secret` parameter, wherever such a URL appears in a text, replaced by ***. */
export function withoutUrlSecret(text: string): string {
	return text.replace(/([?&]secret=)[^&#\s"'<>]*/g, '$1***');
}
