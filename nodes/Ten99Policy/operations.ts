import type { Ten99PolicyClient } from '../../src/ten99policy/client';
import type { ConvertOptions } from '../../src/ten99policy/convert';
import { Ten99PolicyApiError } from '../../src/ten99policy/errors';
import type { OperationSpec } from '../../src/ten99policy/fields';
import type { OperationInput } from '../../src/ten99policy/request';

export interface RunOptions {
	idempotencyKey: string | false | undefined;
	returnAll: boolean;
	limit: number;
	checkReturning: boolean;
	convert: ConvertOptions;
	now: () => number;
}

/** A replayed create (same idempotency key, earlier run) returns an object this much older than now. */
const REPLAY_AGE_SECONDS = 300;

/** Runs one declared operation for one item and returns the objects to output. */
export async function runOperation(
	client: Ten99PolicyClient,
	resource: string,
	operation: string,
	op: OperationSpec,
	input: OperationInput,
	options: RunOptions,
): Promise<Record<string, unknown>[]> {
	if (op.composite) return [await upsertContractor(client, input, options)];
	if (op.paginated) {
		return client.list(resource, operation, input, { returnAll: options.returnAll, limit: options.limit }, options.convert);
	}
	const result = await client.call(resource, operation, input, { idempotencyKey: options.idempotencyKey }, options.convert);
	if (op.returnsArray && Array.isArray(result)) return result as Record<string, unknown>[];
	return [toObject(result)];
}

/**
 * Contractor → Create or Update, in the fewest calls: create optimistically (1 call for a new contractor); only on
 * `duplicate_email` find the contractor by email and update it. `returning_contractor` tells the template whether
 * to bind an assignment (true) or send an application session (false).
 */
async function upsertContractor(client: Ten99PolicyClient, input: OperationInput, options: RunOptions): Promise<Record<string, unknown>> {
	let duplicate: unknown;
	try {
		const created = toObject(await client.call('contractor', 'create', input, { idempotencyKey: options.idempotencyKey }, options.convert));
		// A creation replayed from an earlier run (same idempotency key) may since have completed an application.
		const replayed = typeof created.created === 'number' && created.created < options.now() / 1000 - REPLAY_AGE_SECONDS;
		const returning = replayed && options.checkReturning ? await hasActivePolicy(client, String(created.id)) : false;
		return { ...created, upsert_result: replayed ? 'existing' : 'created', returning_contractor: returning };
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
	const updated = toObject(await client.call('contractor', 'update', { id: existing.id, fields: input.fields }, {}, options.convert));
	const returning = options.checkReturning ? await hasActivePolicy(client, existing.id) : false;
	return { ...updated, upsert_result: 'updated', returning_contractor: returning };
}

async function hasActivePolicy(client: Ten99PolicyClient, contractorId: string): Promise<boolean> {
	const policies = await client.call('contractor', 'listPolicies', { id: contractorId });
	return Array.isArray(policies) && policies.some((p) => (p as { status?: unknown }).status === 'active');
}

function toObject(value: unknown): Record<string, unknown> {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	return { result: value ?? null };
}
