import { newId } from './ids';
import { EnvStore } from './store';
import { ENVS, type ApiObject, type CollectionName, type Env, type Json, type RequestLogEntry } from './types';
import { endpointWants, WebhookDispatcher, type WebhookOptions } from './webhooks';

/** `GET/POST /__sandbox/clock`: the sandbox time in ms and ISO, and how far it was advanced. */
export interface SandboxClock {
	now: number;
	iso: string;
	offsetMs: number;
}

export interface CoreOptions {
	/** The sandbox clock, in ms. */
	now: () => number;
	ineligibleCategories: ReadonlySet<string>;
	/** GETs of a certificate after which its review is final (1 moves it to processing, N to approved/flagged). */
	certificateReviewReads: number;
	idempotencyTtlMs: number;
	/** How long an application session stays open before it expires (sandbox clock). */
	sessionLifetimeMs: number;
	webhooks: WebhookOptions;
}

/** The sandbox's state and the few actions every resource shares: creating objects and emitting events. */
export class SandboxCore {
	readonly stores: Record<Env, EnvStore> = { sandbox: new EnvStore(), production: new EnvStore() };
	readonly webhooks: WebhookDispatcher;
	/** Every `/api/v1` request, in arrival order. */
	readonly requestLog: RequestLogEntry[] = [];
	/** Set once the server listens; session URLs point here. */
	baseUrl = '';
	private seq = 0;
	/** How far `advanceClock` has moved the sandbox clock ahead of `options.now`. */
	private offsetMs = 0;

	constructor(readonly options: CoreOptions) {
		this.webhooks = new WebhookDispatcher(options.webhooks, () => this.nowMs());
	}

	/** The one sandbox clock: every timestamp, date check and expiry reads it. */
	nowMs(): number {
		return this.options.now() + this.offsetMs;
	}

	nowSeconds(): number {
		return Math.floor(this.nowMs() / 1000);
	}

	/** Moves the sandbox clock forward (`reset()` moves it back to `options.now`). */
	advanceClock(ms: number): void {
		this.offsetMs += ms;
	}

	clock(): SandboxClock {
		const now = this.nowMs();
		return { now, iso: new Date(now).toISOString(), offsetMs: this.offsetMs };
	}

	/** The next creation sequence number (breaks ties between objects created in the same second). */
	nextSeq(): number {
		return ++this.seq;
	}

	/** Stores a new object with a fresh prefixed ID and `created`; the ID and `created` come first in the JSON. */
	insert(env: Env, collection: CollectionName, prefix: string, fields: Json, id = newId(prefix)): ApiObject {
		const object = { id, created: this.nowSeconds(), ...fields } as ApiObject;
		return this.stores[env].collections[collection].insert(object, ++this.seq);
	}

	/**
	 * Records an event (`/events`) and posts it to every endpoint that subscribed to its type. The event carries a
	 * copy of the object as it is now: `{id, object: "event", type, created, data: {object}}`.
	 */
	emit(env: Env, type: string, object: ApiObject): ApiObject {
		const event = this.record(env, type, object);
		this.deliver(env, event);
		return event;
	}

	/** Stores an event without sending it. */
	record(env: Env, type: string, object: ApiObject): ApiObject {
		return this.insert(env, 'events', 'ev_', { object: 'event', type, data: { object: structuredClone(object) } });
	}

	/** (Re)sends an event to its subscribers, or to one endpoint regardless of its subscriptions. */
	deliver(env: Env, event: ApiObject, endpointId?: string): number {
		const endpoints = this.stores[env].collections.webhook_endpoints.all();
		const targets = endpointId
			? endpoints.filter((e) => e.id === endpointId)
			: endpoints.filter((e) => e.status !== 'disabled' && endpointWants(e, String(event.type)));
		for (const endpoint of targets) this.webhooks.dispatch(env, event, endpoint);
		return targets.length;
	}

	reset(): void {
		this.offsetMs = 0;
		for (const env of ENVS) this.stores[env] = new EnvStore();
		this.webhooks.clearLog();
		this.requestLog.length = 0;
	}
}
