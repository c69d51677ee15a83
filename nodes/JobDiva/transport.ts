import {
	sleep,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IPollFunctions,
} from 'n8n-workflow';
import { JobDivaClient, type JobDivaClientOptions } from '../../src/jobdiva/client';
import { JobDivaApiError, JobDivaAuthError } from '../../src/jobdiva/errors';
import type { HttpRequest, HttpResponse, Transport } from '../../src/ten99policy/transport';

export const JOBDIVA_CREDENTIAL = 'jobDivaApi';

type N8nContext = IExecuteFunctions | IPollFunctions;

interface ResponseLike {
	status?: unknown;
	data?: unknown;
	headers?: HttpResponse['headers'];
}

/**
 * Sends the client's requests through n8n, which logs in with the credential (pre-authentication), adds the Bearer
 * token and, on a 401, logs in again and retries once. Status errors are not ignored on purpose: n8n renews the
 * token only when the request throws a 401. Every other HTTP error is turned back into a plain response here, so the
 * client applies JobDiva's error mapping and 429 backoff; the n8n error (which holds request headers) is dropped.
 */
export function n8nJobDivaTransport(context: N8nContext): Transport {
	return async (request: HttpRequest): Promise<HttpResponse> => {
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(context, JOBDIVA_CREDENTIAL, {
				method: request.method as IHttpRequestMethods,
				url: request.url,
				headers: request.headers,
				body: request.body,
				json: true,
				returnFullResponse: true,
			})) as { statusCode: number; headers?: HttpResponse['headers']; body: unknown };
			return { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
		} catch (error) {
			const response = responseOf(error);
			if (response) return response;
			throw loginFailure(error) ?? error;
		}
	};
}

/** The HTTP answer inside what n8n threw (a NodeApiError whose cause is the axios error), if there was one. */
function responseOf(error: unknown): HttpResponse | undefined {
	const candidates = [(error as { cause?: unknown })?.cause, error];
	for (const candidate of candidates) {
		const response = (candidate as { response?: ResponseLike } | undefined)?.response;
		if (response && typeof response.status === 'number') {
			return { status: response.status, headers: response.headers ?? {}, body: response.data };
		}
	}
	return undefined;
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
		sleep,
		baseUrl: credentials.baseUrl || undefined,
		onRetry: (info) => context.logger.debug(`JobDiva ${info.method} ${info.path}: 429, retry ${info.attempt} in ${info.delayMs} ms`),
		...options,
	});
}
