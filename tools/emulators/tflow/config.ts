/**
 * The tFLOW emulator's knobs: what tests and the sandbox may change at run time (through the factory,
 * `PATCH /__control/config` or main.ts flags) where the tFLOW documents leave behaviour open.
 */
import { HttpError } from '../common/server';
import { WORKFLOWS } from './workflows';

export type WebhookFormat = 'form' | 'json';
export type PreflightOutcome = 'ok' | 'error';
export type PropsCheck = 'strict' | 'off';
export type PropSelectValue = 'name' | 'id' | 'nameOrId';
export type UnknownPropEntity = 'notFound' | 'empty';
export type WebhooksPerEvent = 'many' | 'one';
export type ListFilters = 'honor' | 'ignore';
/**
 * `kind`: the emulator as it always was (ids on webhooks, optional job fields, every list filter honoured).
 * `documented`: the strictest reading of the documents, as a real instance may behave: webhook objects are
 * `{name, url, security_key, failed_attempts}` without `id` and addressed by event name, job/create requires
 * what the Ruby client's apidoc lists as required, and list filters the documents do not name are ignored.
 */
export type TflowProfile = 'kind' | 'documented';

export interface TflowConfig {
	/** `expires_in` of new tokens; a token is refused once its lifetime has passed. */
	tokenLifetimeSeconds: number;
	/** A token expires after this many authenticated API calls (0 = unlimited). */
	tokenMaxUses: number;
	/** How webhook deliveries are encoded (the real receiver seen in the wild read form fields). */
	webhookFormat: WebhookFormat;
	/** Whether deliveries carry the webhook's own `security_key` field. */
	includeSecurityKey: boolean;
	/** Outcome of every preflight run after an upload or a re-preflight. */
	preflightOutcome: PreflightOutcome;
	/** Workflow of orders created without `workflow_id`. */
	defaultWorkflowId: number;
	/** Minimum size of generated PDFs (proof, low-res, preflighted); 0 = their natural size of ~1 KB. */
	generatedFileBytes: number;
	/** How long a webhook delivery may take before it counts as failed. */
	webhookTimeoutMs: number;
	/** Refused webhook create/update requests are answered with the request echoed back (URL and body), as some gateways do. */
	echoRefusedWebhookRequests: boolean;
	/** Largest artwork file an upload may carry (0 = no limit); a larger one is refused and nothing is created. */
	maxArtworkBytes: number;
	/** What GET /api/version answers (the tflow gem's fixture by default). */
	apiVersion: string;
	apiBranch: string;
	/** Whether order/job `props` are checked against the definitions (strict: unknown names and bad values answer 400). */
	propsCheck: PropsCheck;
	/** What a select (or multiselect) value must be on the wire: the value's name, its id, or either. */
	propSelectValue: PropSelectValue;
	/** What GET prop/{entityType} answers for a type without definitions: 404 or an empty list. */
	unknownPropEntity: UnknownPropEntity;
	/** Whether webhook objects (create answer, list entries, get) carry an `id`, and `/webhook/{key}` takes a numeric id. */
	webhookIds: boolean;
	/** `one`: a second webhook for an event name that already has one is refused (400), as an instance keyed by name may. */
	webhooksPerEvent: WebhooksPerEvent;
	/** Whether job/create refuses a request without `priority`, `attach_proofs` and `props` (the apidoc's required fields). */
	requireJobFields: boolean;
	/** `ignore`: order/list and job/list ignore the undocumented name and client filters and answer every entry. */
	listFilters: ListFilters;
	/** Whether the API user's role may list clients (GET client/list); false answers 403, as a role without that permission gets. */
	clientListAllowed: boolean;
	/** Whether a key has one active token at a time: issuing a new token revokes the ones issued before, as tFLOW does. */
	oneActiveTokenPerKey: boolean;
}

export const DEFAULT_CONFIG: TflowConfig = {
	tokenLifetimeSeconds: 3600,
	tokenMaxUses: 0,
	webhookFormat: 'form',
	includeSecurityKey: true,
	preflightOutcome: 'ok',
	defaultWorkflowId: 2,
	generatedFileBytes: 0,
	webhookTimeoutMs: 10000,
	echoRefusedWebhookRequests: false,
	maxArtworkBytes: 0,
	apiVersion: '0.2.6280',
	apiBranch: 'trunk',
	propsCheck: 'strict',
	propSelectValue: 'name',
	unknownPropEntity: 'notFound',
	webhookIds: true,
	webhooksPerEvent: 'many',
	requireJobFields: false,
	listFilters: 'honor',
	clientListAllowed: true,
	oneActiveTokenPerKey: false,
};

/** The settings each profile changes; explicit settings given beside a profile win. */
export const PROFILES: Record<TflowProfile, Partial<TflowConfig>> = {
	kind: {},
	documented: { webhookIds: false, requireJobFields: true, listFilters: 'ignore' },
};

export const PROFILE_NAMES = Object.keys(PROFILES) as TflowProfile[];

type Check = (value: unknown) => string | undefined;

const nonNegativeNumber: Check = (value) =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : 'must be a number >= 0';
const text: Check = (value) => (typeof value === 'string' && value !== '' ? undefined : 'must be a non-empty string');
const oneOf =
	(...allowed: unknown[]): Check =>
	(value) =>
		allowed.includes(value) ? undefined : `must be one of ${allowed.map((item) => JSON.stringify(item)).join(', ')}`;

const CHECKS: Record<keyof TflowConfig, Check> = {
	tokenLifetimeSeconds: nonNegativeNumber,
	tokenMaxUses: nonNegativeNumber,
	webhookFormat: oneOf('form', 'json'),
	includeSecurityKey: oneOf(true, false),
	preflightOutcome: oneOf('ok', 'error'),
	defaultWorkflowId: oneOf(...Object.keys(WORKFLOWS).map(Number)),
	generatedFileBytes: nonNegativeNumber,
	webhookTimeoutMs: nonNegativeNumber,
	echoRefusedWebhookRequests: oneOf(true, false),
	maxArtworkBytes: nonNegativeNumber,
	apiVersion: text,
	apiBranch: text,
	propsCheck: oneOf('strict', 'off'),
	propSelectValue: oneOf('name', 'id', 'nameOrId'),
	unknownPropEntity: oneOf('notFound', 'empty'),
	webhookIds: oneOf(true, false),
	webhooksPerEvent: oneOf('many', 'one'),
	requireJobFields: oneOf(true, false),
	listFilters: oneOf('honor', 'ignore'),
	clientListAllowed: oneOf(true, false),
	oneActiveTokenPerKey: oneOf(true, false),
};

/** Applies a partial configuration after checking every key and value (nothing changes on error). */
export function applyConfig(config: TflowConfig, patch: Record<string, unknown>): TflowConfig {
	const problems: string[] = [];
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) continue;
		const check = CHECKS[key as keyof TflowConfig];
		const problem = check ? check(value) : `unknown setting; known: ${Object.keys(CHECKS).join(', ')}`;
		if (problem) problems.push(`${key}: ${problem}`);
	}
	if (problems.length) throw new HttpError(400, { error: 'bad_config', message: problems.join('; ') });
	for (const key of Object.keys(CHECKS) as Array<keyof TflowConfig>) {
		if (patch[key] !== undefined) (config as unknown as Record<string, unknown>)[key] = patch[key];
	}
	return config;
}
