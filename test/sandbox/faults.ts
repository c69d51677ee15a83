/**
 * Fault injection for reliability tests. Per `/api/v1` request the injector decides, before the request is applied,
 * whether to answer 429 (with `Retry-After`) or 500 — nothing is applied or stored under the idempotency key — and,
 * after it was applied, whether to drop the connection without a response (the change is kept, and stored under
 * the idempotency key, so a retry with the same key replays the success).
 *
 * Beside the random 429 share, a real rate limit: a token bucket per API key (`rateLimitPerSecond`, `burst`). Every
 * request that reaches a route takes a token; with none left it is answered 429 with `Retry-After` (whole seconds
 * until the next token, at least 1), the way a real API answers, and nothing is applied.
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
	/** Requests per second each API key may make (a token bucket refilled at this rate); 0: no limit. */
	rateLimitPerSecond: number;
	/** How many requests a key may make at once after a quiet spell (the bucket's size); 0: one second's worth. */
	burst: number;
}

export const NO_FAULTS: FaultOptions = {
	latencyMs: 0,
	rateLimitShare: 0,
	retryAfterSeconds: 1,
	serverErrorShare: 0,
	dropShare: 0,
	script: [],
	rateLimitPerSecond: 0,
	burst: 0,
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
	if (typeof next.rateLimitPerSecond !== 'number' || !(next.rateLimitPerSecond >= 0)) throw new Error('rateLimitPerSecond must be a number ≥ 0 (0: no limit)');
	if (typeof next.burst !== 'number' || !(next.burst >= 0)) throw new Error('burst must be a number ≥ 0 (0: one second of rateLimitPerSecond)');
	const kinds: FaultKind[] = ['rate_limit', 'server_error', 'drop', 'none'];
	for (const kind of next.script) if (!kinds.includes(kind)) throw new Error(`script entries must be one of ${kinds.join(', ')}`);
	return next;
}

export class FaultInjector {
	private options: FaultOptions = { ...NO_FAULTS };
	private random: () => number = Math.random;
	/** Per API key: tokens left and when they were counted (real time, not the sandbox clock: a rate is about now). */
	private readonly buckets = new Map<string, { tokens: number; at: number }>();

	constructor(
		initial: Partial<FaultOptions> = {},
		private readonly now: () => number = () => performance.now(),
	) {
		this.set(initial);
	}

	/** Merges new options; giving a seed restarts the seeded sequence. A new limit applies from the next request. */
	set(update: Partial<FaultOptions>): FaultOptions {
		this.options = mergeFaults(this.options, update);
		if (update.seed !== undefined) this.random = seededRandom(update.seed);
		else if ('seed' in update) this.random = Math.random;
		// Tokens saved under a looser limit do not outlive it: each key keeps at most the new bucket's size.
		for (const bucket of this.buckets.values()) bucket.tokens = Math.min(bucket.tokens, this.bucketSize());
		return this.current();
	}

	/** Back to no faults at all. */
	clear(): void {
		this.options = { ...NO_FAULTS, script: [] };
		this.random = Math.random;
		this.buckets.clear();
	}

	private bucketSize(): number {
		return this.options.burst || Math.max(1, this.options.rateLimitPerSecond);
	}

	/**
	 * Takes one of the key's tokens: `undefined` when the request may go on, else the `Retry-After` seconds to answer
	 * (until the next token, rounded up, at least 1). A refused request takes no token.
	 */
	takeToken(apiKey: string): number | undefined {
		const rate = this.options.rateLimitPerSecond;
		if (!(rate > 0)) return undefined;
		const now = this.now();
		const size = this.bucketSize();
		const bucket = this.buckets.get(apiKey) ?? { tokens: size, at: now };
		bucket.tokens = Math.min(size, bucket.tokens + ((now - bucket.at) * rate) / 1000);
		bucket.at = now;
		this.buckets.set(apiKey, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return undefined;
		}
		return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
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
