import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';
import { credentialType } from './nodeTypes';

/**
 * A stand-in for n8n's CredentialsHelper: returns the test's credential data and applies each credential type's
 * own `authenticate` and `preAuthentication` the way n8n does (generic header/query templates with
 * `{{$credentials.x}}`, an expirable token refreshed when empty or after a 401).
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const type = credentialType(typeName);
		const options = requestOptions as IHttpRequestOptions;
		if (typeof type.authenticate === 'function') return type.authenticate(credentials, options);
		if (type.authenticate?.type === 'generic') {
			const { headers, qs } = type.authenticate.properties;
			if (headers) options.headers = { ...options.headers, ...resolveAll(headers as Record<string, string>, credentials) };
			if (qs) options.qs = { ...options.qs, ...resolveAll(qs as Record<string, string>, credentials) };
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialType(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		Object.assign(credentials, output);
		this.data[typeName] = { ...this.data[typeName], ...output };
		this.updates.push({ type: typeName, data: output });
		return credentials;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by the in-process runner');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const property of credentialType(type).properties) withDefaults[property.name] = property.default as string;
		return { ...withDefaults, ...data };
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.data[type] = data;
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialType(type).properties;
	}
}

function resolveAll(templates: Record<string, string>, credentials: ICredentialDataDecryptedObject): Record<string, string> {
	return Object.fromEntries(Object.entries(templates).map(([key, template]) => [key, resolveTemplate(template, credentials)]));
}

function resolveTemplate(template: string, credentials: ICredentialDataDecryptedObject): string {
	const text = template.startsWith('=') ? template.slice(1) : template;
	return text.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, name: string) => String(credentials[name] ?? ''));
}

export type { Workflow };
