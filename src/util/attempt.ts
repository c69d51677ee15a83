/** What {@link attempt} gives back: the value, or what was thrown. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `fn` and hands back its value or what it threw. Lets a caller turn a failure (an unparsable URL, pattern or
 * JSON text, a request that got no answer) into its own error after the call instead of inside a `catch`: n8n's
 * lint wants errors thrown from a `catch` to be n8n's NodeApiError/NodeOperationError, and this n8n-free layer
 * throws its own errors, which the nodes convert (see nodes/Ten99Policy/errors.ts).
 */
export function attempt<T>(fn: () => T): Attempt<T> {
	try {
		return { ok: true, value: fn() };
	} catch (error) {
		return { ok: false, error };
	}
}

/** {@link attempt} for an async call. */
export async function attemptAsync<T>(fn: () => Promise<T>): Promise<Attempt<T>> {
	try {
		return { ok: true, value: await fn() };
	} catch (error) {
		return { ok: false, error };
	}
}
