import type { SandboxCore } from './core';
import type { EnvStore } from './store';
import type { Env, Json } from './types';

/** What a resource handler gets for one `/api/v1` request. */
export interface RequestContext {
	core: SandboxCore;
	env: Env;
	store: EnvStore;
	/** Path parameters, e.g. `{id: 'cn_…'}`. */
	params: Record<string, string>;
	query: URLSearchParams;
	/** The parsed JSON body (`{}` when there is none). */
	body: Json;
	raw: Buffer;
	contentType: string | undefined;
}

export interface HandlerResult {
	status: number;
	body: unknown;
}

/**
 * Handlers are synchronous on purpose: a request is applied in one step of the event loop, so two requests with
 * the same idempotency key can never both apply.
 */
export type Handler = (ctx: RequestContext) => HandlerResult;

export interface Route {
	method: string;
	path: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

/** `route('GET', '/contractors/:id', handler)`; paths are relative to `/api/v1`. */
export function route(method: string, path: string, handler: Handler): Route {
	const keys: string[] = [];
	const source = path.replace(/:([a-z_]+)/g, (_m, key: string) => {
		keys.push(key);
		return '([^/]+)';
	});
	return { method, path, pattern: new RegExp(`^${source}/?$`), keys, handler };
}

export function matchRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
	for (const candidate of routes) {
		if (candidate.method !== method) continue;
		const match = candidate.pattern.exec(path);
		if (!match) continue;
		const params: Record<string, string> = {};
		candidate.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1])));
		return { route: candidate, params };
	}
	return undefined;
}
