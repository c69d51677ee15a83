import { isEqual, pick } from 'lodash';
import type { Ten99PolicyClient } from '../../src/ten99policy/client';
import { isBlank, type ConvertOptions } from '../../src/ten99policy/convert';
import { Ten99PolicyApiError } from '../../src/ten99policy/errors';
import type { OperationRunner, OperationSpec, ResourceSpec } from '../../src/ten99policy/fields';
import { knownEntities } from '../../src/ten99policy/knownEntities';
import { buildRequest, type OperationInput } from '../../src/ten99policy/request';
import { ValueError } from '../../src/util/valueError';
import { operationSpec, resourceSpec } from '../../src/ten99policy/resources';
import { accountOf } from '../shared/ten99PolicyTransport';

export interface RunOptions {
	idempotencyKey: string | false | undefined;
	returnAll: boolean;
	limit: number;
	checkReturning: boolean;
	/** Entity → Find or Create: an entity ID already known (e.g. from the mapping's Client Table); '' for none. */
	knownEntityId: string;
	/** Create or Update: the object's ID when it exists already (e.g. from the placement ledger); '' when unknown. */
	knownId: string;
	/** Create or Update: the caller (its ledger) says nothing changed since the object was last sent. */
	unchanged: boolean;
	convert: ConvertOptions;
	/** Shared by all items of one execution: in-flight and finished results, keyed by what makes them equal. */
	cache: Map<string, Promise<unknown>>;
}

type Runner = (client: Ten99PolicyClient, resource: string, input: OperationInput, options: RunOptions) => Promise<Record<string, unknown>>;

/** The composite operations, chosen by the declaration (`composite.runner` in src/ten99policy/resources.ts). */
const RUNNERS: Record<OperationRunner, Runner> = {
	contractorUpsert: (client, _resource, input, options) => upsertContractor(client, input, options),
	entityFindOrCreate: (client, _resource, input, options) => findOrCreateEntity(client, input, options),
	createOrUpdate,
};

/** Runs one declared operation for one item and returns the objects to output. */
export async function runOperation(
	client: Ten99PolicyClient,
	resource: string,
	operation: string,
	op: OperationSpec,
	input: OperationInput,
	options: RunOptions,
): Promise<Record<string, unknown>[]> {
	if (op.composite) return [await RUNNERS[op.composite.runner](client, resource, input, options)];
	if (op.paginated) {
		return client.list(resource, operation, input, { returnAll: options.returnAll, limit: options.limit }, options.convert);
	}
	const send = () => client.call(resource, operation, input, { idempotencyKey: options.idempotencyKey }, options.convert);
	// Items of one execution that POST with the same idempotency key (e.g. two placements on one JobDiva job)
	// would get the same replayed answer from 1099Policy; send it once and share the result.
	const result = await (op.method === 'POST' && options.idempotencyKey
		? once(options.cache, `post:${resource}:${operation}:${options.idempotencyKey}`, send)
		: send()
	).catch((error: unknown) => {
		// A remembered entity 1099Policy no longer knows (deleted in the dashboard) is looked up afresh next time.
		if (error instanceof Ten99PolicyApiError && error.errorCode === 'invalid_entity_id') {
			const entity = (input.fields ?? {}).entity;
			if (typeof entity === 'string') knownEntities.forgetId(accountOf(client), entity);
		}
		return Promise.reject(error);
	});
	if (resource === 'entity' && (operation === 'update' || operation === 'delete') && typeof input.id === 'string') {
		knownEntities.forgetId(accountOf(client), input.id);
	}
	if (op.returnsArray && Array.isArray(result)) return result as Record<string, unknown>[];
	return [toObject(result)];
}

/**
 * Create or Update by a known ID (job, quote, assignment, application session), in the fewest calls: no ID known →
 * the same POST as Create (same fields, same idempotency key); an ID known → a PUT of the fields Update accepts
 * (create-only ones such as an assignment's contractor, job, bind and policy are not sent); an ID known and the
 * ledger saying nothing changed → no call at all. 1099Policy's refusals (e.g. a quote already bound) stay the
 * item's error with their message and error_code.
 */
async function createOrUpdate(client: Ten99PolicyClient, resource: string, input: OperationInput, options: RunOptions): Promise<Record<string, unknown>> {
	const spec = resourceSpec(resource);
	const id = knownIdOf(spec, options.knownId, `leave the option empty to create the ${spec.displayName.toLowerCase()}`);
	if (id === undefined) {
		const [created] = await runOperation(client, resource, 'create', operationSpec(resource, 'create'), input, options);
		return { ...created, upsert_result: 'created' };
	}
	if (options.unchanged) return { id, upsert_result: 'unchanged' };
	const update = operationSpec(resource, 'update');
	const fields = pick(input.fields ?? {}, update.optional ?? []);
	// Nothing the API lets us change was given (e.g. a session's quote only): a PUT would change nothing.
	if (Object.values(fields).every(isBlank)) return { id, upsert_result: 'unchanged' };
	const [updated] = await runOperation(client, resource, 'update', update, { id, fields }, options);
	return { ...updated, upsert_result: 'updated' };
}

/** The option "<Resource> ID (If Known)": undefined when empty, else an ID with the resource's prefix. */
function knownIdOf(spec: ResourceSpec, value: string, otherwise: string): string | undefined {
	const id = value.trim();
	if (id === '') return undefined;
	if (!id.startsWith(spec.idPrefix) || id.length === spec.idPrefix.length || /\s/.test(id)) {
		const noun = spec.displayName.toLowerCase();
		throw new ValueError(
			`${spec.displayName} ID (If Known)`,
			value,
			`is not a 1099Policy ${noun} ID`,
			`Enter the ${noun}'s ID, starting with ${spec.idPrefix} (e.g. from your placement ledger), or ${otherwise}.`,
		);
	}
	return id;
}

/**
 * Contractor → Create or Update, in the fewest calls. A known contractor ID (from the ledger) is updated in place
 * — never created again, so an email change updates the contractor rather than making a second one — or, when the
 * ledger says nothing changed, not written at all; its policies are then looked up for `returning_contractor`.
 * Without an ID: create optimistically (1 call for a new contractor); only on
 * `duplicate_email` find the contractor by email, update it and look up its policies. `returning_contractor` tells
 * the template whether to bind an assignment (true) or send an application session (false).
 *
 * The create is sent without an idempotency key on purpose: 1099Policy keeps emails unique, so a repeat (a retry
 * after a dropped connection, a re-run, a JobDiva redelivery) is answered with duplicate_email and lands on the
 * update path — which reports the contractor's current state. A replayed key would instead replay the first
 * "created" answer, hiding that the contractor has since completed an application.
 */
async function upsertContractor(client: Ten99PolicyClient, input: OperationInput, options: RunOptions): Promise<Record<string, unknown>> {
	const id = knownIdOf(resourceSpec('contractor'), options.knownId, 'leave the option empty to create the contractor or find it by email');
	if (id !== undefined) {
		const written = options.unchanged
			? { id, upsert_result: 'unchanged' }
			: { ...toObject(await client.call('contractor', 'update', { id, fields: input.fields }, {}, options.convert)), upsert_result: 'updated' };
		if (!options.checkReturning) return written;
		return { ...written, returning_contractor: await hasActivePolicy(client, id) };
	}
	let duplicate: unknown;
	try {
		const created = toObject(
			await client.call('contractor', 'create', input, { idempotencyKey: false, repeatable: true }, options.convert),
		);
		return { ...created, upsert_result: 'created', returning_contractor: false };
	} catch (error) {
		duplicate = error;
	}
	// Only a duplicate email leads on to the update; every other failure is the item's error.
	if (!(duplicate instanceof Ten99PolicyApiError) || duplicate.errorCode !== 'duplicate_email') throw duplicate;
	const email = String((input.fields ?? {}).email ?? '').trim();
	const [existing] = await client.list('contractor', 'list', { fields: { email } }, { limit: 1 }, options.convert);
	if (!existing || typeof existing.id !== 'string') {
		throw new Ten99PolicyApiError({
			status: 409,
			body: { message: `1099Policy reported duplicate_email for ${email} but no contractor with that email is listed`, error_code: 'duplicate_email' },
			method: 'GET',
			path: '/contractors',
		});
	}
	// A contractor already holding every value we would send (a re-run, a returning contractor whose JobDiva record
	// has not changed) needs no PUT: one call fewer, and nothing rewritten.
	const update = buildRequest('contractor', 'update', { id: existing.id, fields: input.fields }, options.convert);
	const unchanged = isSubsetOf(update.json, existing);
	const updated = unchanged ? existing : toObject(await client.send(update));
	const returning = options.checkReturning ? await hasActivePolicy(client, existing.id) : false;
	return { ...updated, upsert_result: unchanged ? 'unchanged' : 'updated', returning_contractor: returning };
}

/**
 * Entity → Find or Create, in the fewest calls: an entity ID given in the options is used as is (no call); a name this
 * n8n process has found or created within the hour is answered from memory (no call, see knownEntities.ts);
 * otherwise the entities are listed once per execution (all pages) and matched case-insensitively, and an unknown
 * name is created once, however many items name it, with the item's idempotency key.
 */
async function findOrCreateEntity(client: Ten99PolicyClient, input: OperationInput, options: RunOptions): Promise<Record<string, unknown>> {
	const name = String((input.fields ?? {}).name ?? '').trim();
	if (options.knownEntityId !== '') {
		if (!options.knownEntityId.startsWith('en_')) {
			throw new ValueError(
				'Entity ID (If Known)',
				options.knownEntityId,
				'is not a 1099Policy entity ID',
				'Enter an ID starting with en_ (from the entity in 1099Policy or the Client Table of Map placement), or leave the option empty to find the entity by name.',
			);
		}
		return { id: options.knownEntityId, name, find_or_create_result: 'given' };
	}
	const account = accountOf(client);
	const known = knownEntities.get(account, name);
	if (known) return { ...known, find_or_create_result: 'found' };
	const wanted = name.toLowerCase();
	const entities = (await once(options.cache, 'entity:list', () =>
		client.list('entity', 'list', {}, { returnAll: true }, options.convert),
	)) as Record<string, unknown>[];
	const found = entities.find((e) => String(e.name ?? '').trim().toLowerCase() === wanted);
	if (found) {
		knownEntities.remember(account, found);
		return { ...found, find_or_create_result: 'found' };
	}
	const created = toObject(
		await once(options.cache, `entity:create:${wanted}`, () =>
			client.call('entity', 'create', input, { idempotencyKey: options.idempotencyKey }, options.convert),
		),
	);
	knownEntities.remember(account, created);
	return { ...created, find_or_create_result: 'created' };
}

async function hasActivePolicy(client: Ten99PolicyClient, contractorId: string): Promise<boolean> {
	const policies = await client.call('contractor', 'listPolicies', { id: contractorId });
	return Array.isArray(policies) && policies.some((p) => (p as { status?: unknown }).status === 'active');
}

/** Runs `task` once per key; later callers share its promise (a rejected one too, so every item sees the error). */
function once(cache: Map<string, Promise<unknown>>, key: string, task: () => Promise<unknown>): Promise<unknown> {
	let promise = cache.get(key);
	if (!promise) {
		promise = task();
		cache.set(key, promise);
	}
	return promise;
}

/**
 * Whether every top-level value of `body` is already on `current` (nested values must be equal as a whole, key
 * order aside: a partial nested object could mean the PUT replaces it).
 */
function isSubsetOf(body: unknown, current: Record<string, unknown>): boolean {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
	return Object.entries(body).every(([key, value]) => isEqual(value, current[key]));
}

function toObject(value: unknown): Record<string, unknown> {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	return { result: value ?? null };
}
