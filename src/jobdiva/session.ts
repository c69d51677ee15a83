import { parseBody, type HttpRequest, type HttpResponse, type Transport } from '../util/transport';
import { DEFAULT_BASE_URL } from './client';
import { JobDivaApiError, toJobDivaError } from './errors';

export const LOGIN_PATH = '/apiv2/v2/login';

export interface JobDivaLogin {
	clientId: string;
	userName: string;
	password: string;
}

/** JobDiva's V2 login: `POST /apiv2/v2/login` with `{clientId, userName, password}`. */
export function loginRequest(baseUrl: string | undefined, login: JobDivaLogin): HttpRequest {
	return {
		method: 'POST',
		url: `${(baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '')}${LOGIN_PATH}`,
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		body: JSON.stringify({ clientId: login.clientId, userName: login.userName, password: login.password }),
	};
}

/**
 * The token from a login answer (`{token, refreshtoken}`; some tenants answer the bare token text). Bad credentials
 * come back as HTTP 500 "Invalid username/password" and become a `JobDivaAuthError` naming the credential fields.
 */
export function tokenFromLogin(response: HttpResponse, login: JobDivaLogin): string {
	const body = parseBody(response.body);
	if (response.status < 200 || response.status >= 300) {
		throw toJobDivaError('POST', LOGIN_PATH, response.status, body, [login.password]);
	}
	const token =
		typeof body === 'string' ? body.trim().replace(/^"|"$/g, '') : body && typeof body === 'object' ? (body as Record<string, unknown>).token : undefined;
	if (typeof token !== 'string' || token.length < 8 || /\s/.test(token)) {
		throw new JobDivaApiError(
			'JobDiva\'s login answered without a token',
			response.status,
			'POST',
			LOGIN_PATH,
			'',
			'Check the credential\'s Base URL: it must be the JobDiva API host (https://api.jobdiva.com), not the web app.',
		);
	}
	return token;
}

export interface SessionOptions {
	transport: Transport;
	login: JobDivaLogin;
	baseUrl?: string;
	/** JobDiva tokens live 24 h; renew a little before. */
	tokenTtlMs?: number;
	now?: () => number;
}

/**
 * Token handling outside n8n (tests, scripts): logs in on first use, reuses the token while it is fresh, logs in
 * again once when JobDiva answers 401 (expired or revoked token) and retries that request. Under n8n the credential's
 * `preAuthentication` and n8n's expirable-token flow do the same job.
 */
export class JobDivaSession {
	private token: string | undefined;
	private obtainedAt = 0;
	private pending: Promise<string> | undefined;
	loginCount = 0;

	constructor(private readonly options: SessionOptions) {}

	/** A transport that adds `Authorization: Bearer <token>` and renews the token on a 401. */
	transport(): Transport {
		return async (request) => {
			const first = await this.options.transport(this.withToken(request, await this.currentToken()));
			if (first.status !== 401) return first;
			this.token = undefined;
			return this.options.transport(this.withToken(request, await this.currentToken()));
		};
	}

	/** Secrets the client should scrub from JobDiva's echoed text. */
	secrets(): string[] {
		return [this.options.login.password, ...(this.token ? [this.token] : [])];
	}

	async currentToken(): Promise<string> {
		const now = (this.options.now ?? Date.now)();
		const ttl = this.options.tokenTtlMs ?? 23 * 60 * 60 * 1000;
		if (this.token && now - this.obtainedAt < ttl) return this.token;
		// Parallel requests share one login instead of each logging in.
		this.pending ??= this.login().finally(() => (this.pending = undefined));
		return this.pending;
	}

	private async login(): Promise<string> {
		this.loginCount++;
		const response = await this.options.transport(loginRequest(this.options.baseUrl, this.options.login));
		this.token = tokenFromLogin(response, this.options.login);
		this.obtainedAt = (this.options.now ?? Date.now)();
		return this.token;
	}

	private withToken(request: HttpRequest, token: string): HttpRequest {
		return { ...request, headers: { ...request.headers, Authorization: `Bearer ${token}` } };
	}
}
