/**
 * A credentials helper for tests and benchmarks that behaves like n8n's own (packages/cli
 * credentials-helper): generic `authenticate` blocks are resolved as expressions over $credentials,
 * `preAuthentication` runs when the first hidden expirable field is empty or the API answered 401,
 * and whatever it returns is persisted to the store, so later items and later runs reuse the token.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression, Workflow } from 'n8n-workflow';

/** The parts of n8n's built-in `oAuth2Api` that derived credentials rely on. */
const oAuth2ApiBase: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	properties: [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
		{ displayName: 'Ignore SSL Issues', name: 'ignoreSSLIssues', type: 'boolean', default: false },
	],
};

export interface CredentialEvent {
	type: string;
	event: 'preAuthentication' | 'update' | 'oauthTokenUpdate';
	expired?: boolean;
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly types = new Map<string, ICredentialType>([['oAuth2Api', oAuth2ApiBase]]);

	/** Stored (decrypted) credential data by credential type: the harness's "database". */
	readonly store = new Map<string, ICredentialDataDecryptedObject>();

	readonly events: CredentialEvent[] = [];

	constructor(credentialTypes: ICredentialType[] = []) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	register(type: ICredentialType) {
		this.types.set(type.name, type);
	}

	setCredentials(type: string, data: ICredentialDataDecryptedObject) {
		this.store.set(type, { ...data });
	}

	getType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type "${name}" in the test harness`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.getType(type).properties;
		const inherited = (this.types.get(type)?.extends ?? []).flatMap((parent) =>
			this.getCredentialsProperties(parent),
		);
		const byName = new Map<string, INodeProperties>();
		for (const property of [...inherited, ...own]) byName.set(property.name, property);
		return [...byName.values()];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		requestOptions.headers ??= {};
		for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
			const target = ((requestOptions as unknown as Record<string, Record<string, unknown>>)[
				outerKey
			] ??= {});
			for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
				const resolvedKey = this.resolve(key, credentials, workflow, node);
				target[resolvedKey] = this.resolve(value, credentials, workflow, node);
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		// n8n's credential test runs a temporary noOp node; it always fetches a fresh token and keeps it out of the database.
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;
		this.events.push({ type: typeName, event: 'preAuthentication', expired: credentialsExpired });
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		Object.assign(credentials, output);
		if (!isTestingCredentials) await this.updateCredentials({ id: typeName, name: typeName }, typeName, credentials);
		return credentials;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return {
			id: nodeCredentials.id ?? type,
			name: nodeCredentials.name,
			type,
			data: undefined,
			getData: () => this.decrypted(type),
			getDataToSave: () => ({ data: '', id: nodeCredentials.id, name: nodeCredentials.name, type }),
			setData: (data: ICredentialDataDecryptedObject) => this.store.set(type, { ...data }),
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		return this.decrypted(type);
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.events.push({ type, event: 'update' });
		this.store.set(type, { ...(this.store.get(type) ?? {}), ...data });
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.events.push({ type, event: 'oauthTokenUpdate' });
		this.store.set(type, { ...(this.store.get(type) ?? {}), oauthTokenData: data.oauthTokenData });
	}

	/** Stored data with property defaults applied, as n8n does before handing credentials to a node. */
	decrypted(type: string): ICredentialDataDecryptedObject {
		const stored = this.store.get(type);
		if (!stored) throw new Error(`No "${type}" credentials were given to the test harness`);
		const data: ICredentialDataDecryptedObject = {};
		const properties = this.getCredentialsProperties(type);
		for (const property of properties) {
			if (property.default !== undefined) data[property.name] = property.default as never;
		}
		Object.assign(data, stored);
		// Hidden fields with expression defaults (e.g. token URLs built from a server URL) resolve
		// against the other fields ($self), as they do in n8n.
		for (const property of properties) {
			const value = data[property.name];
			if (property.type === 'hidden' && typeof value === 'string' && isExpression(value)) {
				data[property.name] = resolveSelfExpression(value, data);
			}
		}
		return JSON.parse(JSON.stringify(data)) as ICredentialDataDecryptedObject;
	}

	private resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}
}

/** A workflow with no nodes, only used to resolve credential expressions the way n8n does. */
let expressionWorkflow: Workflow | undefined;
function resolveSelfExpression(expression: string, data: ICredentialDataDecryptedObject): string {
	expressionWorkflow ??= new Workflow({
		nodes: [],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never,
	});
	const node = { id: 'credential', name: 'credential', type: 'credential', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
	const value = expressionWorkflow.expression.getSimpleParameterValue(node, expression, 'internal', { $self: data }, undefined, '');
	return value === undefined || value === null ? '' : String(value);
}
