/** Exponential backoff with full jitter (AWS's "Exponential Backoff And Jitter"), capped. */
export interface BackoffOptions {
	baseMs: number;
	capMs: number;
	random?: () => number;
}

export function backoffDelay(attempt: number, options: BackoffOptions): number {
	const random = options.random ?? Math.random;
	const ceiling = Math.min(options.capMs, options.baseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Reads `Retry-After` as seconds or an HTTP date. Returns milliseconds, or undefined when absent or unreadable.
 * `now` is injected so tests (and the n8n-free code) never read the clock implicitly.
 */
export function retryAfterMs(header: string | undefined, now: () => number = Date.now): number | undefined {
	if (header === undefined || header.trim() === '') return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(header);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now());
}
