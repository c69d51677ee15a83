import { attempt } from './attempt';
import type { Sleep, Transport, HttpResponse, HttpRequest } from './transport';
import { ValueError } from './valueError';

/**
 * Bounds that hold whatever a server or an expression sends: retries, waits, time per request, answer sizes,
 * nesting and keys of JSON input.
 */

/** The most retries any client makes, whatever an expression asks for (the node's field allows 0…10). */
export const MAX_RETRIES = 10;

export function clampRetries(value: unknown, fallback: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	if (value === undefined || value === null || value === '' || !Number.isFinite(n)) return fallback;
	return Math.min(MAX_RETRIES, Math.max(0, Math.floor(n)));
}

/** A request that got no complete answer in time; carries a connection code so it is handled like a dropped one. */
export class RequestTimeoutError extends Error {
	readonly code = 'ETIMEDOUT';
	constructor(readonly timeoutMs: number) {
		super(`no complete answer within ${Math.round(timeoutMs / 1000)} s`);
		this.name = 'RequestTimeoutError';
	}
}

/**
 * Sends one request with an overall deadline: a server that answers slowly, drips its body or goes silent after the
 * headers fails after `timeoutMs`, whatever the transport's own idle timeout. The wait is `sleep` with an abort
 * signal, cancelled as soon as the answer is in.
 */
export async function sendWithDeadline(transport: Transport, request: HttpRequest, timeoutMs: number | undefined, sleep: Sleep): Promise<HttpResponse> {
	if (!timeoutMs || !Number.isFinite(timeoutMs)) return transport(request);
	const timer = new AbortController();
	const deadline = sleep(timeoutMs, timer.signal).then(
		() => Promise.reject(new RequestTimeoutError(timeoutMs)),
		() => new Promise<never>(() => {}),
	);
	try {
		return await Promise.race([transport(request), deadline]);
	} finally {
		// With a reason of its own: abort() without one builds a DOMException, stack and all, for every answered request.
		timer.abort('answered');
	}
}

/** Characters of text an answer may hold; 1099Policy's and JobDiva's answers are a few hundred KB at most. */
export const MAX_ANSWER_CHARS = 20_000_000;

/** Whether a parsed answer holds more than `limit` characters of keys and strings (stops counting once over). */
export function exceedsSize(value: unknown, limit = MAX_ANSWER_CHARS): boolean {
	let total = 0;
	const stack: unknown[] = [value];
	while (stack.length) {
		const current = stack.pop();
		if (typeof current === 'string') total += current.length;
		else if (Buffer.isBuffer(current)) total += current.length;
		else if (current && typeof current === 'object') {
			for (const [key, item] of Object.entries(current)) {
				total += key.length + 1;
				stack.push(item);
			}
		} else total += 8;
		if (total > limit) return true;
	}
	return false;
}

/** Keys that would reach an object's prototype when copied with `Object.assign` or spread. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any 1099Policy or JobDiva body; deeper input is refused instead of overflowing the stack. */
export const MAX_DEPTH = 32;

/**
 * The first problem with JSON input: a key that reaches the prototype (unless `checkKeys` is off), or nesting deeper
 * than MAX_DEPTH. Walks with an explicit stack, so no input can overflow it. Returns where (a dotted path) and what.
 */
export function jsonInputProblem(value: unknown, checkKeys = true): { path: string; problem: string; fix: string } | undefined {
	const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
	while (stack.length) {
		const { value: current, path, depth } = stack.pop()!;
		if (!current || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
		if (depth >= MAX_DEPTH) {
			return { path: path || '(top)', problem: `is nested more than ${MAX_DEPTH} levels deep`, fix: 'Send a flatter object; no 1099Policy or JobDiva field nests this deep.' };
		}
		for (const key of Object.keys(current)) {
			const at = path ? `${path}.${key}` : key;
			if (checkKeys && FORBIDDEN_KEYS.has(key)) {
				return { path: at, problem: `uses the key "${key}", which is not allowed`, fix: `Rename or remove "${key}"; it could change how every object behaves.` };
			}
			stack.push({ value: (current as Record<string, unknown>)[key], path: at, depth: depth + 1 });
		}
	}
	return undefined;
}

/**
 * A JSON object from a node parameter: an expression's object as it is, typed JSON as text. Not valid JSON, not an
 * object, or a problem `jsonInputProblem` finds → a ValueError naming `path` (with `fix` for the first two).
 */
export function parseJsonObject(value: unknown, path: string, fix = 'Enter a JSON object such as {"key": "value"}.'): Record<string, unknown> {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		const result = attempt((): unknown => JSON.parse(value));
		if (!result.ok) throw new ValueError(path, value, 'is not valid JSON', fix);
		parsed = result.value;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ValueError(path, value, 'is not an object', fix);
	const bad = jsonInputProblem(parsed);
	if (bad) throw new ValueError(`${path}.${bad.path}`, undefined, bad.problem, bad.fix);
	return parsed as Record<string, unknown>;
}
