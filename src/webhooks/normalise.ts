import { z } from 'zod';
import { canonicalEventType } from '../ten99policy/events';
import { resourceForId } from '../ten99policy/resources';
import { jsonInputProblem } from '../util/bounds';

/**
 * 1099Policy posts `{id, type, created, data}` where `data` is either `{object: {...}}` or the object itself
 * (1099Policy's API docs, https://docs.1099policy.com, and its SDKs). Both become one shape, so the next node never has to know which envelope arrived.
 */
export interface NormalisedEvent {
	/** The event ID (`ev_…`), also the deduplication key. */
	id: string;
	/** The event type in the API's spelling (`policy.canceled` arrives as `policy.cancelled`). */
	type: string;
	/** Unix seconds, or null when the envelope had no usable `created`. */
	created: number | null;
	/** The 1099Policy object the event is about. */
	object: Record<string, unknown>;
	/** The object's kind: its `object` field, else the resource its ID prefix names, else the type's first segment. */
	objectType: string | null;
	/** The envelope's `data` exactly as delivered. */
	data: Record<string, unknown>;
	jobdiva_placement_id: string | null;
	jobdiva_job_id: string | null;
	jobdiva_candidate_id: string | null;
	/** Any other `jobdiva_*` key of the object's `custom_metadata`. */
	[jobdivaKey: `jobdiva_${string}`]: unknown;
}

export type ParsedEvent =
	| { ok: true; event: NormalisedEvent }
	| { ok: false; reason: 'invalid_json' | 'not_a_1099policy_event'; message: string };

const plainObject = z.record(z.unknown());

const envelopeSchema = z.object({
	id: z.string().trim().min(1, 'must be a non-empty string'),
	type: z
		.string()
		.trim()
		.regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/i, 'must look like "policy.active"'),
	// Unix seconds; some senders write numbers as strings.
	created: z.union([z.number(), z.string().regex(/^\d+$/)]).nullish(),
	data: plainObject,
});

/** Parses and normalises a delivery body. Fails with a reason a 400 response can carry. */
export function parseEvent(rawBody: Buffer | string): ParsedEvent {
	let json: unknown;
	try {
		json = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
	} catch {
		return { ok: false, reason: 'invalid_json', message: 'The body is not valid JSON.' };
	}
	// Deeper than any event, and deep enough to overflow the stack of whatever reads it next.
	const deep = jsonInputProblem(json, false);
	if (deep) return { ok: false, reason: 'not_a_1099policy_event', message: `Not a 1099Policy event: ${deep.path} ${deep.problem}.` };
	return normaliseEvent(json);
}

/** Validates an already-parsed envelope and normalises it. */
export function normaliseEvent(json: unknown): ParsedEvent {
	const result = envelopeSchema.safeParse(json);
	if (!result.success) {
		const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'} ${issue.message}`);
		return {
			ok: false,
			reason: 'not_a_1099policy_event',
			message: `Not a 1099Policy event ({id, type, created, data}): ${problems.join('; ')}.`,
		};
	}
	const { id, type, created, data } = result.data;
	const object = unwrapObject(data);
	const event: NormalisedEvent = {
		id,
		type: canonicalEventType(type),
		created: created === undefined || created === null ? null : Number(created),
		object,
		objectType: objectTypeOf(object, type),
		data,
		jobdiva_placement_id: null,
		jobdiva_job_id: null,
		jobdiva_candidate_id: null,
	};
	Object.assign(event, jobdivaIds(object));
	return { ok: true, event };
}

/** `data: {object: {...}}` → the inner object; otherwise `data` is the object (whose `object` may be a type tag string). */
function unwrapObject(data: Record<string, unknown>): Record<string, unknown> {
	const inner = data.object;
	return isPlainObject(inner) ? inner : data;
}

function objectTypeOf(object: Record<string, unknown>, type: string): string | null {
	if (typeof object.object === 'string' && object.object.trim() !== '') return object.object.trim();
	if (typeof object.id === 'string') {
		const resource = resourceForId(object.id);
		if (resource) return resource;
	}
	const prefix = type.trim().split('.')[0];
	return prefix ? prefix.toLowerCase() : null;
}

/** Every `jobdiva_*` key of `custom_metadata`, so the next node can write back to JobDiva without digging. */
function jobdivaIds(object: Record<string, unknown>): Record<string, unknown> {
	const metadata = object.custom_metadata;
	if (!isPlainObject(metadata)) return {};
	const lifted: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(metadata)) {
		if (!/^jobdiva_/i.test(key) || value === undefined || value === null || value === '') continue;
		// Metadata values are strings on the wire; a number is kept as its string so IDs compare as they do in JobDiva.
		lifted[key.toLowerCase()] = typeof value === 'number' ? String(value) : value;
	}
	return lifted;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
