/** Knobs of the papilio emulator; `PATCH /__control/config` changes them at run time. */
export interface PapilioConfig {
	clientId: string;
	clientSecret: string;
	/** Registered redirect URIs; empty = accept whatever redirect_uri the client sends. */
	redirectUris: string[];
	/** The user /oauth/authorize approves as (no login page in the emulator). */
	authorizeAs: string;
	/** Makes /oauth/authorize redirect with error=access_denied. */
	denyAuthorization: boolean;
	/** Restricts the client to these usernames (papilio clients may be limited to users); unset = all. */
	clientUsers?: string[];
	accessTokenLifetimeSeconds: number;
	refreshTokenLifetimeSeconds: number;
	authCodeLifetimeSeconds: number;
	/** An access token expires after this many API calls (0 = no limit). */
	accessTokenMaxUses: number;
	/** Rejects requests that did not come over HTTPS (the emulator serves plain HTTP). */
	requireSsl: boolean;
	/** Size of every /order/download body (large deterministic content); unset = the order's small PDF. */
	downloadSizeBytes?: number;
	/**
	 * Whether the task lists and template examples honour /order's expand arguments. The document
	 * names them for /order and the /orders lists only (its "Tip"); issue 15 assumes these lists take
	 * them too. false = they are ignored there, as a server without that support would.
	 */
	expandOnTasksAndExamples: boolean;
	/** Base of the URLs the API answers with (PIN path, previews); unset = http://<Host header>. */
	publicUrl?: string;
}

/**
 * `kind`: the emulator as it always was. `documented`: the strictest reading of specs/papilio-api.txt
 * where the emulator is kinder: the expand arguments only where the document names them (/order/{id}
 * and the /orders lists, its "Tip"), so the task lists and template examples ignore them.
 */
export type PapilioProfile = 'kind' | 'documented';

/** The knobs each profile changes; knobs given beside a profile win. */
export const PAPILIO_PROFILES: Record<PapilioProfile, Partial<PapilioConfig>> = {
	kind: {},
	documented: { expandOnTasksAndExamples: false },
};

export function defaultConfig(): PapilioConfig {
	return {
		clientId: 'papilio-demo-client',
		clientSecret: 'papilio-demo-secret',
		redirectUris: [],
		authorizeAs: 'api-script',
		denyAuthorization: false,
		accessTokenLifetimeSeconds: 3600,
		refreshTokenLifetimeSeconds: 30 * 24 * 3600,
		authCodeLifetimeSeconds: 600,
		accessTokenMaxUses: 0,
		requireSsl: false,
		expandOnTasksAndExamples: true,
	};
}
