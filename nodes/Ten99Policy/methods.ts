import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { Ten99PolicyClient } from '../../src/ten99policy/client';
import { Ten99PolicyApiError, Ten99PolicyConnectionError } from '../../src/ten99policy/errors';
import type { ResourceSpec } from '../../src/ten99policy/fields';
import { RESOURCES, RESOURCE_KEYS } from '../../src/ten99policy/resources';
import type { HttpRequest, HttpResponse } from '../../src/util/transport';
import { searchMethodName } from './fieldParameters';
import { ten99PolicyClient } from '../shared/ten99PolicyTransport';
import { redactingTransport } from '../../src/util/redact';
import { nodeSleep } from '../shared/sleep';

const PAGE = 100;

/**
 * The list filter typed text fits, from the declaration (`search.filterField`): an email for an email field (contractors
 * by email), an ID with the referenced resource's prefix for an ID field (policies by quote). Else none.
 */
function serverFilter(spec: ResourceSpec, text: string): Record<string, string> {
	const name = spec.search?.filterField;
	const field = name ? spec.fields[name] : undefined;
	if (!name || !field || text === '') return {};
	const prefix = field.kind === 'id' ? (RESOURCES as Record<string, ResourceSpec>)[field.ref ?? '']?.idPrefix : undefined;
	const fits = field.kind === 'email' ? text.includes('@') : prefix !== undefined && text.startsWith(prefix);
	return fits ? { [name]: text } : {};
}

/**
 * List search for a resource locator: one page of the list endpoint per call (newest first), the next page by
 * n8n's `paginationToken` (the last ID, sent as `starting_after`); text that fits the API's filter is sent as it,
 * other text is matched against the page's labels and IDs.
 */
function listSearch(resourceKey: string) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const spec: ResourceSpec = (RESOURCES as Record<string, ResourceSpec>)[resourceKey];
		const client = await ten99PolicyClient(this, { maxRetries: 1 });
		const text = (filter ?? '').trim();
		const fields: Record<string, unknown> = serverFilter(spec, text);
		const filtered = Object.keys(fields).length > 0;
		const page = await client.list(resourceKey, 'list', { fields, startingAfter: paginationToken || undefined }, { limit: PAGE });
		const needle = text.toLowerCase();
		const results = page
			.map((object) => ({ name: spec.search?.label(object) ?? String(object.id), value: String(object.id) }))
			.filter((r) => needle === '' || filtered || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle));
		const last = page[page.length - 1];
		return { results, paginationToken: page.length === PAGE && last ? String(last.id) : undefined };
	};
}

/** One list search per resource whose declaration has `search` (version 1's locators use five of them). */
export const listSearchMethods = Object.fromEntries(
	RESOURCE_KEYS.filter((key) => (RESOURCES[key] as ResourceSpec).search).map((resource) => [searchMethodName(resource), listSearch(resource)]),
) as Record<string, (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>>;

export const loadOptionsMethods = {
	/** Job category codes approved for the account, for the Job → Category Code dropdown. */
	async getCategoryCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const client = await ten99PolicyClient(this, { maxRetries: 1 });
		const codes = (await client.call('jobCategory', 'list')) as Array<{ category_code?: string; name?: string }>;
		return codes
			.filter((c) => typeof c.category_code === 'string')
			.map((c) => ({ name: c.name ? `${c.name} (${c.category_code})` : String(c.category_code), value: String(c.category_code) }))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
};

/**
 * The credential test. n8n's declarative credential test can only show the HTTP status text, and the only request
 * helper a credential test gets is the deprecated `helpers.request`, which the community-node rules forbid; so
 * this test calls `GET /api/v1/contractors?limit=1` with fetch, through the same client the node uses, and reports
 * 1099Policy's own message and error code when the key is refused.
 */
export async function ten99PolicyApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as { apiKey?: string; environment?: string; baseUrl?: string };
	if (!data.apiKey) return { status: 'Error', message: 'Enter the secret key from the API Keys page of your 1099Policy dashboard.' };
	try {
		const client = new Ten99PolicyClient({
			baseUrl: data.baseUrl || undefined,
			transport: redactingTransport(credentialTestTransport(this, { Authorization: `Bearer ${data.apiKey}`, 'Ten99Policy-Environment': data.environment ?? 'sandbox' }), () => [data.apiKey]),
			sleep: nodeSleep,
			maxRetries: 0,
			timeoutMs: 30_000,
		});
		await client.list('contractor', 'list', {}, { limit: 1 });
		return { status: 'OK', message: `Connected to 1099Policy (${data.environment ?? 'sandbox'})` };
	} catch (error) {
		if (error instanceof Ten99PolicyApiError) {
			const own = typeof error.apiMessage === 'string' ? error.apiMessage : JSON.stringify(error.apiMessage ?? '');
			const sentence = (own || 'no message').trim().replace(/[.!]*$/, '.');
			return {
				status: 'Error',
				message: `1099Policy answered ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}: ${sentence} ${error.fix ?? ''}`.trim(),
			};
		}
		if (error instanceof Ten99PolicyConnectionError) return { status: 'Error', message: error.message };
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	}
}

/**
 * Sends the test's request with n8n's request helper (the one n8n gives credential tests), so it takes the instance's
 * proxy settings (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) like the node's own requests. n8n applies no credential here,
 * so the key and environment headers are added to this one request.
 */
function credentialTestTransport(context: ICredentialTestFunctions, auth: Record<string, string>) {
	return async (request: HttpRequest): Promise<HttpResponse> => {
		const response = (await context.helpers.request({
			method: request.method,
			uri: request.url,
			headers: { ...request.headers, ...auth },
			body: request.body,
			resolveWithFullResponse: true,
			simple: false,
		})) as { statusCode: number; headers?: HttpResponse['headers']; body: unknown };
		return { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
}
