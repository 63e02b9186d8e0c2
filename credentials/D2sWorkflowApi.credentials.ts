import type { IAuthenticateGeneric, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

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

/**
 * D2S Workflow External API v.1: every call is `POST {baseUrl}/{labId}` with the secret inside the
 * JSON body. The Test button is provided by the D2S Workflow node (`testedBy`), because only a
 * request whose answer is a 400 tells a right secret from a wrong one (401).
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
}
