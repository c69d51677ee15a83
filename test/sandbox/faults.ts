/**
 * Fault injection for reliability tests. Per `/api/v1` request the injector decides, before the request is applied,
 * whether to answer 429 (with `Retry-After`) or 500 — nothing is applied or stored under the idempotency key — and,
 * after it was applied, whether to drop the connection without a response (the change is kept, and stored under
 * the idempotency key, so a retry with the same key replays the success).
 */

export type FaultKind = 'rate_limit' | 'server_error' | 'drop' | 'none';

export interface FaultOptions {
	/** Added delay per request, in ms. */
	latencyMs: number;
	/** Share (0…1) of requests answered 429 before they are applied. */
	rateLimitShare: number;
	/** `Retry-After` seconds on injected 429s. */
	retryAfterSeconds: number;
	/** Share (0…1) of requests answered 500 before they are applied. */
	serverErrorShare: number;
	/** Share (0…1) of requests whose connection is destroyed after they were applied. */
	dropShare: number;
	/** Seed for the shares' random draws; the same seed gives the same sequence of faults. Unset: Math.random. */
	seed?: number;
	/** Faults for the next requests, one per request, consumed before any share applies (then the shares resume). */
	script: FaultKind[];
}

export const NO_FAULTS: FaultOptions = {
	latencyMs: 0,
	rateLimitShare: 0,
	retryAfterSeconds: 1,
	serverErrorShare: 0,
	dropShare: 0,
	script: [],
};

/** mulberry32: a tiny, good-enough seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Throws a message naming the bad option, or returns the merged, checked options. */
export function mergeFaults(current: FaultOptions, update: Partial<FaultOptions>): FaultOptions {
	const next: FaultOptions = { ...current, ...update, script: [...(update.script ?? current.script)] };
	for (const share of ['rateLimitShare', 'serverErrorShare', 'dropShare'] as const) {
		const value = next[share];
		if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Error(`${share} must be a number from 0 to 1`);
	}
	if (next.rateLimitShare + next.serverErrorShare > 1) throw new Error('rateLimitShare + serverErrorShare must not exceed 1');
	if (typeof next.latencyMs !== 'number' || !(next.latencyMs >= 0)) throw new Error('latencyMs must be a number ≥ 0');
	if (!Number.isInteger(next.retryAfterSeconds) || next.retryAfterSeconds < 0) throw new Error('retryAfterSeconds must be an integer ≥ 0');
	if (next.seed !== undefined && !Number.isInteger(next.seed)) throw new Error('seed must be an integer');
	const kinds: FaultKind[] = ['rate_limit', 'server_error', 'drop', 'none'];
	for (const kind of next.script) if (!kinds.includes(kind)) throw new Error(`script entries must be one of ${kinds.join(', ')}`);
	return next;
}

export class FaultInjector {
	private options: FaultOptions = { ...NO_FAULTS };
	private random: () => number = Math.random;

	constructor(initial: Partial<FaultOptions> = {}) {
		this.set(initial);
	}

	/** Merges new options; giving a seed restarts the seeded sequence. */
	set(update: Partial<FaultOptions>): FaultOptions {
		this.options = mergeFaults(this.options, update);
		if (update.seed !== undefined) this.random = seededRandom(update.seed);
		else if ('seed' in update) this.random = Math.random;
		return this.current();
	}

	/** Back to no faults at all. */
	clear(): void {
		this.options = { ...NO_FAULTS, script: [] };
		this.random = Math.random;
	}

	current(): FaultOptions {
		return { ...this.options, script: [...this.options.script] };
	}

	get latencyMs(): number {
		return this.options.latencyMs;
	}

	get retryAfterSeconds(): number {
		return this.options.retryAfterSeconds;
	}

	/** Decides this request's fault. Two draws per request keep the sequence independent of outcomes. */
	decide(): FaultKind {
		const scripted = this.options.script.shift();
		if (scripted !== undefined) return scripted;
		const before = this.random();
		const after = this.random();
		const { rateLimitShare, serverErrorShare, dropShare } = this.options;
		if (before < rateLimitShare) return 'rate_limit';
		if (before < rateLimitShare + serverErrorShare) return 'server_error';
		if (after < dropShare) return 'drop';
		return 'none';
	}
}
