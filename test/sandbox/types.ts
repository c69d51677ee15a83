/** Shared shapes of the 1099Policy sandbox. */

export type Env = 'sandbox' | 'production';
export const ENVS: readonly Env[] = ['sandbox', 'production'];

/** A stored API object: always has an `id` and a `created` Unix-seconds timestamp. */
export type ApiObject = Record<string, unknown> & { id: string; created: number };

export type Json = Record<string, unknown>;

/** Every collection the sandbox keeps, per environment. Names follow the URL path segment. */
export const COLLECTIONS = [
	'contractors',
	'entities',
	'jobs',
	'quotes',
	'sessions',
	'policies',
	'assignments',
	'invoices',
	'certificates',
	'webhook_endpoints',
	'events',
] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

export type SandboxState = Record<CollectionName, ApiObject[]>;

export interface RequestLogEntry {
	method: string;
	/** Path without the query string, e.g. `/api/v1/contractors`. */
	path: string;
	query: string;
	/** HTTP status sent, or `null` when the connection was dropped on purpose. */
	status: number | null;
	idempotencyKey: string | null;
	env: Env | null;
	/** Milliseconds (the sandbox clock). */
	timestamp: number;
	/** True when the body came from the idempotency store instead of being applied again. */
	replayed: boolean;
	/** The fault injected into this request, if any. */
	fault: 'rate_limit' | 'server_error' | 'drop' | null;
}

export interface DeliveryLogEntry {
	env: Env;
	endpointId: string;
	url: string;
	eventId: string;
	eventType: string;
	/** 1 for the first try. */
	attempt: number;
	/** HTTP status received, or `null` when the endpoint could not be reached. */
	status: number | null;
	error: string | null;
	/** Milliseconds (the sandbox clock). */
	timestamp: number;
	/** `Ten99Policy-Signature` header that was sent. */
	signature: string;
}
