import { ValueError } from '../util/valueError';
import { attempt } from '../util/attempt';
import { candidateId, mapCandidate, type MappedContractor } from './candidate';
import { mapAttachment } from './certificate';
import { clientPart, type ClientPart } from './clients';
import { checkSkipList, contractorGate, type GateResult } from './gate';
import { mapInvoice, type MappedInvoice } from './invoice';
import { jobId, mapJob, type MappedJob } from './job';
import { normalise, pick, text, type Normalised, type Part, type Shape } from './normalise';
import { mapPlacement, placementId, type MappedPlacement } from './placement';
import { toWage } from './rates';
import { rulesSchema, type MappingRules, type MappingRulesInput } from './schemas';

/**
 * The JobDiva → 1099Policy mapping, n8n-free: one record in, one outcome out.
 * - `mapped`: ready 1099Policy request bodies with their idempotency keys, what was recognised, and notes saying
 *   every choice made (zone, conversion, defaults, fields left out);
 * - `skipped`: the item is out of scope (contractor gate, Skip List, not a COI, webhook without data) with
 *   `{reason, field, value}`;
 * - bad input throws a ValueError naming the JobDiva field, the value and the fix (`mapRecordSafe` returns it
 *   as an `error` outcome instead).
 * See README.md beside this file for the output shapes.
 */

export const OPERATIONS = ['mapPlacement', 'mapCandidate', 'mapJob', 'mapTimesheetOrInvoice', 'mapAttachment'] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface JobDivaIds {
	candidateId?: string;
	jobId?: string;
	placementId?: string;
}

export interface MappedJson {
	operation: Operation;
	shape: Shape[];
	recognised: Part[];
	contractor?: MappedContractor;
	job?: MappedJob;
	/** Map Placement without job details: the placement's pay as wage/wage_type, to create or update the 1099Policy job with. */
	compensation?: { wage: number; wage_type: 'hourly' | 'flatfee'; conversion: string };
	quote?: MappedPlacement['quote'];
	assignment?: MappedPlacement['assignment'];
	session?: MappedPlacement['session'];
	invoice?: MappedInvoice;
	certificate?: { fields: unknown; idempotencyKey: string; fileName: string; binaryProperty: string };
	gate?: { reason: string; field: string; value: unknown };
	/** Map Placement and Map Job: the JobDiva client and the 1099Policy entity configured for it (empty when none). */
	client?: ClientPart;
	webhook?: Normalised['webhook'];
	jobdiva: JobDivaIds;
	notes: string[];
}

export interface SkippedJson {
	reason: string;
	field: string;
	value: unknown;
	operation: Operation;
	recognised: Part[];
	jobdiva: JobDivaIds;
	notes: string[];
}

export interface ErrorJson {
	error: string;
	field: string;
	value: unknown;
	fix: string;
}

export type MapOutcome =
	| { kind: 'mapped'; json: MappedJson; file?: { data: Buffer; fileName: string; mimeType: string } }
	| { kind: 'skipped'; json: SkippedJson }
	| { kind: 'error'; json: ErrorJson };

/** The binary property name the Map Attachment operation writes the PDF to (the Ten99Policy node's default). */
export const CERTIFICATE_BINARY_PROPERTY = 'data';

/** Validates node parameters into rules; a bad row becomes a ValueError naming the parameter. */
export function parseRules(input: MappingRulesInput): MappingRules {
	const result = rulesSchema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const path = issue.path.map((segment) => (typeof segment === 'number' ? `row ${segment + 1}` : segment)).join(' ');
	let value: unknown = input;
	for (const key of issue.path) value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
	throw new ValueError(path || 'parameters', value, `is not valid (${issue.message})`, 'Correct this node parameter.');
}

function ids(record: Normalised): JobDivaIds {
	const result: JobDivaIds = {};
	const candidate = text(candidateId(record));
	const job = text(jobId(record));
	const placement = text(placementId(record));
	if (candidate) result.candidateId = candidate;
	if (job) result.jobId = job;
	if (placement) result.placementId = placement;
	return result;
}

const REQUIRED_PART: Record<Operation, readonly Part[]> = {
	mapPlacement: ['placement'],
	mapCandidate: ['candidate'],
	mapJob: ['job'],
	mapTimesheetOrInvoice: ['timesheet', 'invoice'],
	mapAttachment: ['attachment'],
};

/** A Skipped outcome (a plain function, not a closure made for every record). */
function skipOutcome(record: Normalised, operation: Operation, notes: string[], result: Pick<GateResult, 'reason' | 'field' | 'value'>): MapOutcome {
	return {
		kind: 'skipped',
		json: { reason: result.reason, field: result.field, value: result.value ?? null, operation, recognised: record.recognised, jobdiva: ids(record), notes },
	};
}

function recognisesAny(record: Normalised, parts: readonly Part[]): boolean {
	for (const part of parts) if (record.recognised.includes(part)) return true;
	return false;
}

export function mapRecord(input: unknown, operation: Operation, rules: MappingRules): MapOutcome {
	const record = normalise(input);
	// the item's own notes array: nothing reads the record's notes after this
	const notes = record.notes;

	const needed = REQUIRED_PART[operation];
	if (record.webhook && record.webhook.operation.toLowerCase() === 'delete') {
		return skipOutcome(record, operation, notes, { reason: `JobDiva ${record.webhook.type} Delete event: nothing to create in 1099Policy (delete or cancel there by hand or in a separate branch)`, field: 'operation', value: record.webhook.operation });
	}
	if (!recognisesAny(record, needed)) {
		if (record.webhook) {
			return skipOutcome(record, operation, notes, { reason: `JobDiva webhook type "${record.webhook.type}" carries no ${needed.join(' or ')} data for this operation`, field: 'type', value: record.webhook.type });
		}
		throw new ValueError(
			needed.join(' / '),
			record.recognised.length > 0 ? `recognised: ${record.recognised.join(', ')}` : 'nothing recognised',
			`is not in the item, so it cannot be mapped by this operation`,
			`Send a JobDiva ${needed.join(' or ')} record (BI row, searchStart record, webhook or camelCase), or pick the operation matching the item.`,
		);
	}

	const skipped = checkSkipList(record, rules.skipList);
	if (skipped) return skipOutcome(record, operation, notes, skipped);
	const gate = contractorGate(record, rules.contractorEvidence);
	if (!gate.pass && (operation === 'mapPlacement' || rules.gateAllOperations || gate.negative)) return skipOutcome(record, operation, notes, gate);

	const json: MappedJson = {
		operation,
		shape: record.shapes,
		recognised: record.recognised,
		jobdiva: ids(record),
		notes,
	};
	if (record.webhook) json.webhook = record.webhook;
	if (gate.pass) json.gate = { reason: gate.reason, field: gate.field, value: gate.value };

	switch (operation) {
		case 'mapCandidate':
			json.contractor = mapCandidate(record, rules, notes);
			break;
		case 'mapJob':
			json.job = mapJob(record, rules, notes);
			json.client = clientPart(record, rules);
			break;
		case 'mapPlacement': {
			if (record.recognised.includes('candidate')) json.contractor = mapCandidate(record, rules, notes);
			else notes.push('No candidate details (name, email) on the item: contractor not mapped; map the candidate record with Map Candidate.');
			if (record.recognised.includes('job')) {
				json.job = mapJob(record, rules, notes);
			} else {
				notes.push('No job details (title) on the item: job not mapped; map the job record with Map Job.');
				// The guide prices the job from the placement's pay when the job has none: hand it on, checked.
				const rate = pick(record.placement, 'payRate');
				if (rate) {
					const wage = toWage(rate, pick(record.placement, 'payRateUnit'), rules.unitTable, pick(record.placement, 'currency'));
					json.compensation = { wage: wage.wage, wage_type: wage.wage_type, conversion: wage.conversion };
				}
			}
			json.client = clientPart(record, rules);
			const placement = mapPlacement(record, rules, notes);
			json.quote = placement.quote;
			json.assignment = placement.assignment;
			json.session = placement.session;
			break;
		}
		case 'mapTimesheetOrInvoice':
			json.invoice = mapInvoice(record, rules, notes);
			break;
		case 'mapAttachment': {
			const outcome = mapAttachment(record, rules, notes);
			if (outcome.kind === 'skipped') return skipOutcome(record, operation, notes, outcome);
			const { certificate } = outcome;
			json.certificate = {
				fields: certificate.fields,
				idempotencyKey: certificate.idempotencyKey,
				fileName: certificate.file.fileName,
				binaryProperty: CERTIFICATE_BINARY_PROPERTY,
			};
			return { kind: 'mapped', json, file: certificate.file };
		}
	}
	return { kind: 'mapped', json };
}

/** Like {@link mapRecord}, but bad input becomes an `error` outcome `{error, field, value, fix}`. */
export function mapRecordSafe(input: unknown, operation: Operation, rules: MappingRules): MapOutcome {
	const result = attempt(() => mapRecord(input, operation, rules));
	if (result.ok) return result.value;
	if (result.error instanceof ValueError) return { kind: 'error', json: errorJson(result.error) };
	throw result.error;
}

export function errorJson(error: ValueError): ErrorJson {
	return { error: error.message, field: error.field, value: error.value ?? null, fix: error.fix };
}

export { normalise } from './normalise';
export type { Normalised, Part, Shape } from './normalise';
export { contractorGate } from './gate';
export { idempotencyKey, shortHash } from './keys';
export { parseJobDivaDate } from './dates';
export { parseRateUnit, toWage, RATE_PERIODS } from './rates';
export type { RatePeriod } from './rates';
export { findState, US_STATES } from './timezones';
export * as schemas from './schemas';
export type { MappingRules, MappingRulesInput } from './schemas';
