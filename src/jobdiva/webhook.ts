import { z } from 'zod';
import { RecentKeys } from '../util/recentKeys';
import { canonicalJson, sha256Hex } from './rows';
import { verifyJobDivaSignature } from './signature';
import { jsonInputProblem } from '../util/bounds';

/** JobDiva's webhook types and operations (configured per tenant in JobDiva). */
export const JOBDIVA_WEBHOOK_TYPES = ['job', 'candidate', 'company', 'contact', 'billing', 'salary', 'timesheet', 'expense'] as const;
export const JOBDIVA_WEBHOOK_OPERATIONS = ['Insert', 'Update', 'Delete'] as const;

/** How many recent deliveries are remembered to drop JobDiva's retries (it retries 5 times, 5 s apart). */
export const DEFAULT_DEDUPE_WINDOW = 1000;

const deliverySchema = z
	.object({
		type: z.string().min(1),
		operation: z.string().min(1),
		id: z.union([z.string(), z.number()]).transform(String),
		data: z.array(z.record(z.unknown())).optional().nullable(),
	})
	.passthrough();

export type JobDivaDelivery = z.infer<typeof deliverySchema>;

export interface ReceiveInput {
	rawBody: Buffer | string;
	signatureHeader: string | string[] | undefined;
	secret: string | undefined;
	/** Local testing only: accept unsigned deliveries. */
	skipVerification: boolean;
	/** Lower-case types to emit; empty = all. */
	types: readonly string[];
	/** Operations to emit (Insert/Update/Delete); empty = all. */
	operations: readonly string[];
	recent: RecentKeys;
}

export type ReceiveDecision =
	| { action: 'reject'; status: 401 | 400; reason: string; message: string }
	| { action: 'acknowledge'; reason: 'duplicate' | 'filtered'; delivery: JobDivaDelivery; key: string }
	/** `body` is the delivery exactly as JobDiva sent it (IDs keep their JSON type); `delivery` is its checked form. */
	| { action: 'emit'; delivery: JobDivaDelivery; body: Record<string, unknown>; key: string };

/**
 * The key that says two deliveries are the same change: `(type, id, operation, sha256(content))`, where content is
 * `data` with keys sorted. A retry of one delivery has the same key; a new edit of the same record does not.
 */
export function deliveryKey(delivery: Pick<JobDivaDelivery, 'type' | 'id' | 'operation' | 'data'>): string {
	const content = sha256Hex(canonicalJson(delivery.data ?? null));
	return `${delivery.type.toLowerCase()}|${delivery.id}|${delivery.operation.toLowerCase()}|${content}`;
}

/** Verify, parse, deduplicate, filter: what to do with one POST. The caller stores `recent` after an emit. */
export function receiveJobDivaDelivery(input: ReceiveInput): ReceiveDecision {
	if (!input.skipVerification) {
		const check = verifyJobDivaSignature(input.rawBody, input.signatureHeader, input.secret);
		if (!check.ok) return { action: 'reject', status: 401, reason: check.reason, message: check.message };
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.isBuffer(input.rawBody) ? input.rawBody.toString('utf8') : input.rawBody);
	} catch {
		return { action: 'reject', status: 400, reason: 'invalid_json', message: 'the body is not JSON' };
	}
	// Deeper than any JobDiva webhook, and deep enough to overflow the stack of whatever reads it next.
	const deep = jsonInputProblem(parsed, false);
	if (deep) return { action: 'reject', status: 400, reason: 'invalid_delivery', message: `the body is not a JobDiva webhook: ${deep.path} ${deep.problem}` };
	const result = deliverySchema.safeParse(parsed);
	if (!result.success) {
		const issue = result.error.issues[0];
		return {
			action: 'reject',
			status: 400,
			reason: 'invalid_delivery',
			message: `the body is not a JobDiva webhook ({type, operation, id, data}): ${issue.path.join('.') || 'body'} ${issue.message}`,
		};
	}
	const delivery = result.data;
	const key = deliveryKey(delivery);
	if (input.recent.has(key)) return { action: 'acknowledge', reason: 'duplicate', delivery, key };
	const typeOk = input.types.length === 0 || input.types.includes(delivery.type.toLowerCase());
	const operationOk = input.operations.length === 0 || input.operations.some((op) => op.toLowerCase() === delivery.operation.toLowerCase());
	if (!typeOk || !operationOk) return { action: 'acknowledge', reason: 'filtered', delivery, key };
	input.recent.add(key);
	return { action: 'emit', delivery, body: parsed as Record<string, unknown>, key };
}
