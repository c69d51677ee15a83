/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createHmac } from 'node:crypto';
import type { ApiObject, DeliveryLogEntry, Env } from './types';

export interface WebhookOptions {
	/** Tries per event and endpoint, the first included. */
	maxAttempts: number;
	/** Delay before the second try; doubles for each further try. */
	backoffMs: number;
	/** Per-try timeout. */
	timeoutMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = { maxAttempts: 5, backoffMs: 1000, timeoutMs: 5000 };

/**
 * `Ten99Policy-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, the scheme of 1099Policy's
 * Node SDK (`ten99policy` on npm, `lib/Webhooks.js`).
 */
export function signatureHeader(secret: string, timestamp: number, rawBody: string): string {
	const v1 = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
	return `t=${timestamp},v1=${v1}`;
}

/** Whether an endpoint subscribed to a type: no events or `"*"` means all; `canceled` and `cancelled` are the same. */
export function endpointWants(endpoint: ApiObject, type: string): boolean {
	const events = Array.isArray(endpoint.events) ? (endpoint.events as string[]) : [];
	if (events.length === 0 || events.includes('*')) return true;
	const canonical = (t: string) => t.replace(/\.canceled\b/g, '.cancelled');
	return events.some((e) => canonical(e) === canonical(type));
}

/**
 * Posts events to endpoints in the background, retrying non-2xx answers and unreachable endpoints with
 * exponential backoff, and logs every try. `settle()` lets a test wait until nothing is in flight.
 */
export class WebhookDispatcher {
	readonly log: DeliveryLogEntry[] = [];
	private readonly inFlight = new Set<Promise<void>>();
	/** Pending backoff waits and how to end them early. */
	private readonly waits = new Map<NodeJS.Timeout, () => void>();
	private stopped = false;

	constructor(
		private readonly options: WebhookOptions,
		private readonly nowMs: () => number,
	) {}

	dispatch(env: Env, event: ApiObject, endpoint: ApiObject): void {
		this.track(this.attempt(env, event, endpoint, 1));
	}

	private track(promise: Promise<void>): void {
		this.inFlight.add(promise);
		void promise.finally(() => this.inFlight.delete(promise));
	}

	private async attempt(env: Env, event: ApiObject, endpoint: ApiObject, attempt: number): Promise<void> {
		if (this.stopped) return;
		const rawBody = JSON.stringify(event);
		const timestamp = Math.floor(this.nowMs() / 1000);
		const signature = signatureHeader(String(endpoint.secret), timestamp, rawBody);
		let status: number | null = null;
		let error: string | null = null;
		try {
			const response = await fetch(String(endpoint.url), {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Ten99Policy-Signature': signature, 'User-Agent': '1099Policy-Sandbox/1.0' },
				body: rawBody,
				signal: AbortSignal.timeout(this.options.timeoutMs),
			});
			status = response.status;
			await response.arrayBuffer();
		} catch (caught) {
			// fetch rejects with a TypeError ("fetch failed") or a TimeoutError.
			error = (caught as Error).message;
		}
		this.log.push({
			env,
			endpointId: endpoint.id,
			url: String(endpoint.url),
			eventId: event.id,
			eventType: String(event.type),
			attempt,
			status,
			error,
			timestamp: this.nowMs(),
			signature,
		});
		const delivered = status !== null && status >= 200 && status < 300;
		if (delivered || attempt >= this.options.maxAttempts) return;
		const delay = this.options.backoffMs * 2 ** (attempt - 1);
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				this.waits.delete(timer);
				resolve();
			}, delay);
			// A pending retry must not keep the process alive; stop() also ends it early.
			timer.unref();
			this.waits.set(timer, resolve);
		});
		await this.attempt(env, event, endpoint, attempt + 1);
	}

	/** Resolves when every delivery, retries included, has finished. */
	async settle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	/** Forgets the log; deliveries in flight keep running. */
	clearLog(): void {
		this.log.length = 0;
	}

	/** Cancels pending retries (their waits resolve at once and stop). */
	stop(): void {
		this.stopped = true;
		for (const [timer, resolve] of this.waits) {
			clearTimeout(timer);
			resolve();
		}
		this.waits.clear();
	}
}
