import {
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IPollFunctions,
} from 'n8n-workflow';
import { JobDivaClient, type JobDivaClientOptions } from '../../src/jobdiva/client';
import { JobDivaApiError, JobDivaAuthError } from '../../src/jobdiva/errors';
import type { HttpRequest, HttpResponse, Transport } from '../../src/util/transport';
import { redactingTransport } from '../../src/util/redact';
import { nodeSleep } from '../shared/sleep';

export const JOBDIVA_CREDENTIAL = 'jobDivaApi';

type N8nContext = IExecuteFunctions | IPollFunctions;

/**
 * Sends the client's requests through n8n, which logs in with the credential (pre-authentication) and adds the
 * Bearer token. Every answer comes back as a response (status errors ignored), so the client sees JobDiva's status,
 * headers and text and applies its error mapping and 429 backoff.
 *
 * A 401 is the exception: n8n renews an expirable token only when a request *throws* a 401, so the request is sent
 * once more without ignoring status errors; n8n then logs in again and retries it. (n8n's thrown errors drop a text
 * body and the response headers, which is why they are not used for everything else.) Not when the token was
 * obtained for this very request (JobDiva refusing a fresh token will refuse the next one too), and at most once
 * per execution, so a JobDiva that refuses every token costs one extra login, not one per item.
 *
 * The password and every token n8n used are taken out of each answer and failure (see src/util/redact.ts).
 */
export function n8nJobDivaTransport(context: N8nContext): Transport {
	const send = async (request: HttpRequest, ignoreHttpStatusErrors: boolean): Promise<HttpResponse> => {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, JOBDIVA_CREDENTIAL, {
			method: request.method as IHttpRequestMethods,
			url: request.url,
			headers: request.headers,
			body: request.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors,
		})) as { statusCode: number; headers?: HttpResponse['headers']; body: unknown };
		return { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
	const secrets = new Set<string>();
	let token: string | undefined;
	// Credentials are read at the first request and again only when n8n may have logged in (no token yet, or a 401).
	let stale = true;
	const readSecrets = async (): Promise<void> => {
		const credentials = await context.getCredentials<{ password?: string; sessionToken?: string }>(JOBDIVA_CREDENTIAL);
		for (const secret of [credentials.password, credentials.sessionToken]) if (secret) secrets.add(secret);
		token = credentials.sessionToken || undefined;
		stale = false;
	};
	let renewed = false;
	const transport: Transport = async (request) => {
		if (stale) await readSecrets();
		const tokenBefore = token;
		if (!tokenBefore) stale = true;
		try {
			const first = await send(request, true);
			if (first.status !== 401) return first;
			stale = true;
			if (!tokenBefore || renewed) return first;
			renewed = true;
			return await send(request, false);
		} catch (error) {
			stale = true;
			const response = responseOf(error);
			if (response) return response;
			throw loginFailure(error) ?? error;
		}
	};
	return redactingTransport(transport, async () => {
		if (stale) await readSecrets();
		return [...secrets];
	});
}

/** The HTTP status (and JSON body, when there was one) inside the NodeApiError n8n threw after a renewal. */
function responseOf(error: unknown): HttpResponse | undefined {
	const nodeError = error as { httpCode?: unknown; context?: { data?: unknown } } | undefined;
	const status = Number(nodeError?.httpCode);
	if (!Number.isInteger(status) || status < 100) return undefined;
	return { status, headers: {}, body: nodeError?.context?.data ?? '' };
}

/** The credential's preAuthentication failed (bad login): keep its message, which quotes JobDiva. */
function loginFailure(error: unknown): JobDivaApiError | undefined {
	const message = error instanceof Error ? error.message : '';
	const rejected = /^JobDiva rejected the client ID, username or password: (.*)$/s.exec(message);
	if (rejected) return new JobDivaAuthError(500, 'POST', '/apiv2/v2/login', rejected[1]);
	if (/^JobDiva's login answered/.test(message)) {
		return new JobDivaApiError(message, 0, 'POST', '/apiv2/v2/login', '', 'Check the JobDiva credential\'s Base URL, then test the credential.');
	}
	return undefined;
}

/** A JobDiva client bound to the node's credential. */
export async function jobDivaClient(
	context: N8nContext,
	options: Partial<Omit<JobDivaClientOptions, 'transport' | 'sleep' | 'baseUrl'>> = {},
): Promise<JobDivaClient> {
	const credentials = await context.getCredentials<{ baseUrl?: string }>(JOBDIVA_CREDENTIAL);
	return new JobDivaClient({
		transport: n8nJobDivaTransport(context),
		sleep: nodeSleep,
		baseUrl: credentials.baseUrl || undefined,
		// JobDiva's BI feeds can take a while over a 14-day window, but not this long; a dripping server ends here.
		timeoutMs: 120_000,
		onRetry: (info) => context.logger.debug(`JobDiva ${info.method} ${info.path}: 429, retry ${info.attempt} in ${info.delayMs} ms`),
		...options,
	});
}
