import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isValidEventName, normalizeEventName } from '../helpers/events';
import { MANUAL_SECRET_PATTERN } from './secret';

export type TriggerContext = IHookFunctions | IWebhookFunctions;

export interface TriggerSettings {
	registerWebhooks: boolean;
	/** Events to register, normalised and without duplicates (selected ones, then custom ones). */
	events: string[];
	/** The secret the user put into the URLs registered by hand (manual registration only). */
	manualSecret?: string;
	resolveJob: boolean;
	orderIds: string[];
	clientIds: string[];
}

function settingsError(context: TriggerContext, message: string, description?: string) {
	return new NodeOperationError(context.getNode(), message, { description });
}

/** Comma- or space-separated tFLOW ids (positive whole numbers) as strings. */
function parseIdList(context: TriggerContext, value: unknown, field: string): string[] {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	const ids = text.split(/[\s,;]+/).filter((part) => part !== '');
	for (const id of ids) {
		if (!/^\d+$/.test(id) || Number(id) < 1) {
			throw settingsError(context, `${field}: "${id.slice(0, 40)}" is not a tFLOW id (a positive whole number)`, 'Separate several ids with commas, e.g. 12, 15');
		}
	}
	return [...new Set(ids.map((id) => String(Number(id))))];
}

function parseEvents(context: TriggerContext, selected: unknown, custom: unknown): string[] {
	const events: string[] = [];
	for (const value of Array.isArray(selected) ? selected : []) {
		const name = normalizeEventName(value);
		if (name) events.push(name);
	}
	const customText = typeof custom === 'string' ? custom : '';
	for (const part of customText.split(/[\s,;]+/)) {
		const name = normalizeEventName(part);
		if (!name) continue;
		if (!isValidEventName(name)) {
			throw settingsError(
				context,
				`Custom Event Names: "${name.slice(0, 60)}" is not a tFLOW event name`,
				'Event names look like entity.action, e.g. job.approve or revision.create_proof',
			);
		}
		events.push(name);
	}
	return [...new Set(events)];
}

/** Reads and checks the trigger's parameters; mistakes are reported before anything is registered. */
export function readSettings(context: TriggerContext): TriggerSettings {
	const registerWebhooks = context.getNodeParameter('registerWebhooks', true) !== false;
	const options = (context.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const settings: TriggerSettings = {
		registerWebhooks,
		events: [],
		resolveJob: options.resolveJob === true,
		orderIds: parseIdList(context, options.orderIds, 'Only Order IDs'),
		clientIds: parseIdList(context, options.clientIds, 'Only Client IDs'),
	};
	if (registerWebhooks) {
		settings.events = parseEvents(context, context.getNodeParameter('events', []), options.customEvents);
		if (settings.events.length === 0) {
			throw settingsError(context, 'Events: select at least one event or add a custom event name');
		}
	} else {
		const secret = String(context.getNodeParameter('webhookSecret', '') ?? '').trim();
		if (!MANUAL_SECRET_PATTERN.test(secret)) {
			throw settingsError(
				context,
				'Webhook Secret: use at least 16 characters, only letters, digits and . _ ~ -',
				'The secret becomes part of the URL you register in tFLOW, so it must not need URL encoding',
			);
		}
		settings.manualSecret = secret;
	}
	return settings;
}
