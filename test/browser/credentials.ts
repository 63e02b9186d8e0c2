/**
 * The credentials with a Test (n8n tests a credential when it is saved): what a user types into each
 * for the emulators, which field holds the secret, and the message the API answers a wrong one with.
 */
import type { Locator } from 'playwright-core';

import type { Editor } from '../../tools/browser/editor';
import { papilioApiUser, type Emulators } from '../../tools/n8n/world';
import { INVALID_CLIENT } from '../../tools/emulators/tflow/routes/auth';

export interface CredentialCase {
	title: string;
	type: string;
	/** As the "Add credential" search shows it. */
	displayName: string;
	fields(world: { emulators: Emulators }): Record<string, string>;
	/** The field a wrong value is put into. */
	secretField: string;
	/** Values that must never be shown. */
	secrets(fields: Record<string, string>): string[];
	/** What the API answers a wrong secret with, which the dialog must show. */
	apiMessage: string;
	fill(editor: Editor, modal: Locator, fields: Record<string, string>): Promise<void>;
}

async function fillAll(editor: Editor, modal: Locator, fields: Record<string, string>) {
	for (const [name, value] of Object.entries(fields)) await editor.fillCredentialField(modal, name, value);
}

export function credentialCases(): CredentialCase[] {
	return [
		{
			title: 'tFLOW API',
			type: 'tflowApi',
			displayName: 'tFLOW API',
			fields: ({ emulators }) => ({ instanceUrl: emulators.tflow.url, clientId: emulators.tflow.clientId, clientSecret: emulators.tflow.clientSecret }),
			secretField: 'clientSecret',
			secrets: (fields) => [fields.clientSecret],
			apiMessage: INVALID_CLIENT.error_description,
			fill: fillAll,
		},
		{
			title: 'brix:papilio API',
			type: 'papilioApi',
			displayName: 'Brix:Papilio API',
			fields: ({ emulators }) => ({
				serverUrl: emulators.papilio.url,
				clientId: emulators.papilio.config.clientId,
				clientSecret: emulators.papilio.config.clientSecret,
				username: papilioApiUser(emulators).username,
				password: papilioApiUser(emulators).password,
			}),
			secretField: 'clientSecret',
			secrets: (fields) => [fields.clientSecret, fields.password],
			apiMessage: 'The client credentials are invalid',
			fill: async (editor, modal, fields) => {
				await fillAll(editor, modal, fields);
				// The emulator speaks plain HTTP, like papilio's "nossl" mode.
				await editor.switchOn(modal, 'allowInsecureHttp');
			},
		},
		{
			title: 'D2S Workflow API',
			type: 'd2sWorkflowApi',
			displayName: 'D2S Workflow API',
			fields: ({ emulators }) => ({ baseUrl: `${emulators.d2s.url}/api/v1`, labId: emulators.d2s.labId, secret: emulators.d2s.secret }),
			secretField: 'secret',
			secrets: (fields) => [fields.secret],
			// n8n's declarative credential test can only show a fixed message for D2S: a right secret is
			// refused too (400 invalid-by-spec), so the answer is judged by a rule on its body. The rule's
			// message quotes the document's wording for a wrong secret.
			apiMessage: 'Unauthorized (invalid API key)',
			fill: fillAll,
		},
	];
}
