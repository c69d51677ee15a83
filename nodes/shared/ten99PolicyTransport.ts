import { createHash } from 'crypto';
import {
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';
import { Ten99PolicyClient, type ClientOptions } from '../../src/ten99policy/client';
import type { HttpRequest, HttpResponse, Transport } from '../../src/util/transport';
import { redactingTransport } from '../../src/util/redact';
import { nodeSleep } from './sleep';

export const TEN99POLICY_CREDENTIAL = 'ten99PolicyApi';

type N8nContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

/**
 * Sends the client's requests through n8n, which adds the credential's Bearer key and environment header and applies
 * the instance's proxy settings. `secrets` (the API key, and a trigger's signing secret) are taken out of every answer
 * and failure, so a server echoing the request cannot put them into an error, an output item or a log line.
 */
export function n8nTransport(context: N8nContext, secrets: ReadonlyArray<string | undefined> = []): Transport {
	return redactingTransport(async (request: HttpRequest): Promise<HttpResponse> => {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, TEN99POLICY_CREDENTIAL, {
			method: request.method as IHttpRequestMethods,
			url: request.url,
			headers: request.headers,
			body: request.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; headers: HttpResponse['headers']; body: unknown };
		return { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
	}, () => secrets);
}

/**
 * One attempt's deadline, answer body included: 1099Policy answers in well under a second, so a minute means a
 * server that drips or went silent. (n8n's own timeout restarts at every byte.)
 */
export const REQUEST_TIMEOUT_MS = 60_000;
/** One request's budget with all its retries and waits, so an item cannot hang for attempts × timeouts. */
export const ITEM_TIMEOUT_MS = 180_000;

/** Which 1099Policy account each client talks to; see `accountOf`. */
const accounts = new WeakMap<Ten99PolicyClient, string>();

/** A 1099Policy client bound to the node's credential. */
export async function ten99PolicyClient(
	context: N8nContext,
	options: Partial<Omit<ClientOptions, 'transport' | 'sleep' | 'baseUrl'>> = {},
	/** More secrets to keep out of answers, e.g. the trigger's webhook signing secret. */
	secrets: ReadonlyArray<string | undefined> = [],
): Promise<Ten99PolicyClient> {
	const credentials = await context.getCredentials<{ baseUrl?: string; apiKey?: string; environment?: string }>(TEN99POLICY_CREDENTIAL);
	const client = new Ten99PolicyClient({
		transport: n8nTransport(context, [credentials.apiKey, ...secrets]),
		sleep: nodeSleep,
		baseUrl: credentials.baseUrl || undefined,
		timeoutMs: REQUEST_TIMEOUT_MS,
		totalTimeoutMs: ITEM_TIMEOUT_MS,
		...options,
	});
	// A one-way digest, so memory kept per account (see src/ten99policy/knownEntities.ts) never holds the key itself.
	const account = createHash('sha256')
		.update(`${client.baseUrl}\n${credentials.environment ?? ''}\n${credentials.apiKey ?? ''}`)
		.digest('hex')
		.slice(0, 32);
	accounts.set(client, account);
	return client;
}

/** An opaque name for the account (base URL, environment, API key) a client from `ten99PolicyClient` talks to. */
export function accountOf(client: Ten99PolicyClient): string {
	return accounts.get(client) ?? `unbound:${client.baseUrl}`;
}
