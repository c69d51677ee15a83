/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { mapRecord, mapRecordSafe, parseRules, type MapOutcome, type MappedJson, type Operation, type SkippedJson, type ErrorJson } from '../../../src/mapping';
import type { MappingRulesInput } from '../../../src/mapping/schemas';

export const FIXTURES = join(__dirname, '../../fixtures/mapping');

/** A fresh copy of a JSON fixture from test/fixtures/mapping. */
export function fixture(name: string): Record<string, unknown> {
	return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** Rules as an ops team would set them for the guide's example (Acme Health = company 501). */
export function rules(overrides: MappingRulesInput = {}) {
	return parseRules({
		categoryTable: [
			{ match: 'title', pattern: 'analyst', code: 'DATA_ANALYTICS' },
			{ match: 'skill', pattern: '/\\b(java|kotlin)\\b/', code: 'SOFTWARE_DEV' },
		],
		defaultCategoryCode: 'GENERAL_SERVICES',
		clientTable: [{ client: '501', coverageTypes: ['general', 'workers-comp'], entity: 'en_12AbC3' }],
		defaultEntity: 'en_default',
		contractorId: 'cn_Kh18Qs',
		jobId: 'jb_Dl9n42',
		quoteId: 'qt_Pf5LmA',
		successUrlTemplate: 'https://dashboard.yourdomain.com/jobdiva/placements/{placementId}?coverage=active',
		cancelUrlTemplate: 'https://dashboard.yourdomain.com/jobdiva/placements/{placementId}?coverage=canceled',
		fallbackTimeZone: 'UTC',
		...overrides,
	});
}

export function mapped(input: unknown, operation: Operation, ruleSet = rules()): MappedJson {
	const outcome = mapRecord(input, operation, ruleSet);
	if (outcome.kind !== 'mapped') throw new Error(`expected mapped, got ${outcome.kind}: ${JSON.stringify(outcome.json)}`);
	return outcome.json;
}

export function skipped(input: unknown, operation: Operation, ruleSet = rules()): SkippedJson {
	const outcome = mapRecord(input, operation, ruleSet);
	if (outcome.kind !== 'skipped') throw new Error(`expected skipped, got ${outcome.kind}: ${JSON.stringify(outcome.json)}`);
	return outcome.json;
}

export function failed(input: unknown, operation: Operation, ruleSet = rules()): ErrorJson {
	const outcome: MapOutcome = mapRecordSafe(input, operation, ruleSet);
	if (outcome.kind !== 'error') throw new Error(`expected error, got ${outcome.kind}: ${JSON.stringify(outcome.json)}`);
	expect(outcome.json.field).toBeTruthy();
	expect(outcome.json.fix).toBeTruthy();
	return outcome.json;
}

/** A contractor placement as one nested item: candidate, job and placement BI rows. */
export function nestedPlacement(placement: Record<string, unknown> = {}, job: Record<string, unknown> = {}, candidate: Record<string, unknown> = {}) {
	return {
		candidate: { ...fixture('candidateDetail'), ...candidate },
		job: { ...fixture('jobDetail'), ...job },
		placement: { ...fixture('activityRecord'), ...placement },
	};
}
