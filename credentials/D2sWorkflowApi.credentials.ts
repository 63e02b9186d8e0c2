import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * `https://host/api/v1/` or `https://host/api/v1/<lab>` as entered → `https://host/api/v1`: the
 * lab id is its own field and always appended by the node.
 */
export function d2sBaseUrl(baseUrl: unknown, labId?: unknown): string {
	let url = String(baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const lab = String(labId ?? '').trim();
	if (lab && url.endsWith(`/${lab}`)) url = url.slice(0, -(lab.length + 1));
	return url;
}

// d2sBaseUrl(baseUrl, labId) + '/' + labId inside an n8n expression, for the Test request.
const BASE = '$credentials.baseUrl.trim().replace(/\\/+$/, "")';
const LAB = 'String($credentials.labId).trim()';
const LAB_URL = `={{ (${BASE}.endsWith("/" + ${LAB}) ? ${BASE}.slice(0, -(${LAB}.length + 1)) : ${BASE}) + "/" + encodeURIComponent(${LAB}) }}`;

/**
 * D2S Workflow External API v.1: every call is `POST {baseUrl}/{labId}` with the secret inside the
 * JSON body.
 */
export class D2sWorkflowApi implements ICredentialType {
	name = 'd2sWorkflowApi';

	displayName = 'D2S Workflow API';

	icon: Icon = { light: 'file:../nodes/D2sWorkflow/d2s.svg', dark: 'file:../nodes/D2sWorkflow/d2s.dark.svg' };

	documentationUrl = 'https://github.com/print-workflow/n8n-nodes-print-workflow#d2s-workflow-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://workflow.d2s.hefest.eu/api/v1',
			required: true,
			description: 'Address of the D2S Workflow External API up to /api/v1, without the lab ID',
		},
		{
			displayName: 'Lab ID',
			name: 'labId',
			type: 'string',
			default: '',
			required: true,
			description: 'Your lab ID from D2S: the last part of the API URL, https://workflow.d2s.hefest.eu/api/v1/[LAB ID]',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API secret D2S gave you. It is sent inside the JSON body of every call.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			body: { secret: '={{$credentials.secret}}' },
		},
	};

	/**
	 * A put-order without units, which the document makes invalid, so it can never create an order.
	 * A right secret is answered 400 with the error type invalid-by-spec; a wrong secret 401 and an
	 * unknown lab 404, without a type. Error statuses are accepted here so that the rule can read the
	 * answer: no `type`, no working credential.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: LAB_URL,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: { op: 'put-order', type: 'models-by-widget', units: [] },
			json: true,
			ignoreHttpStatusErrors: true,
			// The secret travels in the body: it is not sent on to wherever a redirect points.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'type',
					value: undefined,
					message:
						'D2S Workflow did not accept the test order: check the Secret, the Lab ID and the Base URL (it ends with /api/v1). D2S answers a wrong Secret with 401 "Unauthorized (invalid API key)" and an unknown Lab ID with 404; a right secret with the error type "invalid-by-spec".',
				},
			},
		],
	};
}
