import { Redactor } from '../util/redact';

/**
 * What the JobDiva client throws. Messages say what JobDiva answered and what to do; they never contain the
 * password or the session token (JobDiva's own text is passed through `redact` first when secrets are known).
 */

/** JobDiva answered with an HTTP error. */
export class JobDivaApiError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly method: string,
		/** Path without the query string (the query can hold IDs, never secrets, but stays short this way). */
		readonly path: string,
		/** JobDiva's own text, as returned (trimmed, shortened). */
		readonly jobDivaMessage: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'JobDivaApiError';
	}
}

/** JobDiva refused the client ID / username / password (it answers HTTP 500 with a text, not 401). */
export class JobDivaAuthError extends JobDivaApiError {
	constructor(status: number, method: string, path: string, jobDivaMessage: string) {
		super(
			`JobDiva rejected the client ID, username or password: ${jobDivaMessage}`,
			status,
			method,
			path,
			jobDivaMessage,
			'Check the Client ID, Username and Password of the JobDiva credential (the API user must be enabled for API access in JobDiva), then test the credential again.',
		);
		this.name = 'JobDivaAuthError';
	}
}

/** No response arrived (refused, reset, timeout). */
export class JobDivaConnectionError extends Error {
	constructor(
		message: string,
		readonly method: string,
		readonly path: string,
		readonly code?: string,
	) {
		super(message);
		this.name = 'JobDivaConnectionError';
	}
}

/** A parameter given to the node cannot be sent to JobDiva. */
export class JobDivaInputError extends Error {
	constructor(
		readonly field: string,
		readonly value: unknown,
		problem: string,
		readonly fix: string,
	) {
		super(`${field} ${problem}`);
		this.name = 'JobDivaInputError';
	}
}

const MAX_MESSAGE = 300;

/** JobDiva's text from an error body: plain text, `{message}`, `{error}` or `{error: {message}}`. */
export function jobDivaMessageOf(body: unknown): string {
	let text = '';
	if (typeof body === 'string') text = body;
	else if (Buffer.isBuffer(body)) text = body.toString('utf8');
	else if (body && typeof body === 'object') {
		const record = body as Record<string, unknown>;
		const nested = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>).message : undefined;
		const candidate = record.message ?? nested ?? record.error ?? record.errorMessage;
		text = typeof candidate === 'string' ? candidate : JSON.stringify(body);
	}
	text = text.trim();
	return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/** Replaces every known secret in `text` (password, token), in every encoding, so it cannot leak through JobDiva's echo. */
export function redact(text: string, secrets: readonly string[]): string {
	return new Redactor(secrets).text(text);
}

const BAD_LOGIN = /invalid\s+(user\s*name|username|user|client)|password/i;

/** Turns one JobDiva error answer into the error a user sees. `retries` is how many 429 retries were spent. */
export function toJobDivaError(
	method: string,
	path: string,
	status: number,
	body: unknown,
	secrets: readonly string[] = [],
	retries = 0,
): JobDivaApiError {
	// Secrets out before the text is cut to its limit, so no prefix of one can be left at the cut.
	const text = jobDivaMessageOf(new Redactor(secrets).deep(body)) || `HTTP ${status}`;
	if ((status === 500 || status === 401 || status === 403) && BAD_LOGIN.test(text)) {
		return new JobDivaAuthError(status, method, path, text);
	}
	const where = `${method} ${path}`;
	switch (status) {
		case 401:
			return new JobDivaApiError(
				`JobDiva refused the session token for ${where}: ${text}`,
				status, method, path, text,
				'n8n logs in again once on a 401; if this persists, test the JobDiva credential and check the API user is still active.',
			);
		case 403:
			return new JobDivaApiError(
				`JobDiva denied ${where}: ${text}`,
				status, method, path, text,
				'The API user lacks the permission or the BI module for this method; ask your JobDiva administrator to enable it.',
			);
		case 404:
			return new JobDivaApiError(
				`JobDiva found nothing at ${where}: ${text}`,
				status, method, path, text,
				'Check the ID, and that the credential\'s Base URL is https://api.jobdiva.com (or your tenant\'s API host).',
			);
		case 429:
			return new JobDivaApiError(
				`JobDiva's request limit for ${path} was still exceeded after ${retries} ${retries === 1 ? 'retry' : 'retries'}: ${text}`,
				status, method, path, text,
				'JobDiva limits requests per method per tenant. Run the workflow less often, narrow the date range, or raise Max Retries.',
			);
		case 400:
			return new JobDivaApiError(
				`JobDiva refused ${where} as invalid: ${text}`,
				status, method, path, text,
				'Check the IDs and dates given to the node (date ranges are sent as windows of at most 14 days).',
			);
		default:
			return new JobDivaApiError(
				`JobDiva answered ${where} with HTTP ${status}: ${text}`,
				status, method, path, text,
				status >= 500 ? 'JobDiva had a problem; try again later.' : 'Check the node\'s parameters.',
			);
	}
}
