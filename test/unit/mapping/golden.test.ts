/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Settings } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapRecordSafe, OPERATIONS, type MapOutcome } from '../../../src/mapping';
import { benchRecords } from '../../bench/mappingRecords';
import { FIXTURES, item } from './arbitraries';
import { rules } from './support';

/**
 * The mapping's outputs and idempotency keys, pinned: every fixture through every operation, 20,000 random records
 * (the property test's generator with a fixed seed) and 2,000 benchmark records, under three rule sets, must give
 * exactly the JSON recorded in golden.json when the mapping was first simplified (keys already sent to
 * 1099Policy must stay the same, and a workflow must see the same items). A refactor that changes one byte of
 * one outcome fails here and names the case (or the block of 100 random records) that changed.
 * Regenerate ONLY for a deliberate change of output: `UPDATE_GOLDEN=1 npx vitest run test/unit/mapping/golden.test.ts`.
 */

const GOLDEN = join(__dirname, 'golden.json');
const RANDOM_RECORDS = 20_000;
const BLOCK = 100;

const ruleSets = [
	rules(),
	rules({ contractorId: '', jobId: '', quoteId: '', successUrlTemplate: '', cancelUrlTemplate: '', defaultEntity: '', defaultCategoryCode: '', timeZone: 'America/New_York', gateAllOperations: true }),
	rules({
		skipList: [{ field: 'STATUS', value: 'Terminated' }, { field: 'placement.POSITIONTYPE', value: 'Direct Hire' }],
		contractorEvidence: [{ field: 'EMPLOYMENT_CATEGORY', value: 'Vendor' }, { field: 'WORK_STATE', value: 'CA' }],
		unitTable: [{ unit: 'Shift', period: 'day' }, { unit: 'fortnight', period: 'biweek' }],
		timeZone: 'America/Chicago',
		proxyEmailDomain: 'relay.acme.example',
		cancelUrlTemplate: 'https://{placementId}.example.com/x',
	}),
];

/** An outcome as the node writes it (JSON), with the file bytes as base64 and an escaping exception by name. */
function outcomeText(input: unknown, operation: (typeof OPERATIONS)[number], ruleIndex: number): string {
	let outcome: MapOutcome;
	try {
		outcome = mapRecordSafe(input, operation, ruleSets[ruleIndex]);
	} catch (error) {
		return `threw ${(error as Error).name}: ${(error as Error).message}`;
	}
	const file = 'file' in outcome && outcome.file ? { ...outcome.file, data: outcome.file.data.toString('base64') } : undefined;
	return JSON.stringify({ kind: outcome.kind, json: outcome.json, file });
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

function record(): Record<string, string> {
	const golden: Record<string, string> = {};
	FIXTURES.forEach((input, index) => {
		for (const operation of OPERATIONS) {
			for (let ruleIndex = 0; ruleIndex < ruleSets.length; ruleIndex++) golden[`fixture ${index} ${operation} rules ${ruleIndex}`] = digest(outcomeText(input, operation, ruleIndex));
		}
	});
	const random = fc.sample(item, { seed: 1313, numRuns: RANDOM_RECORDS });
	for (let start = 0; start < random.length; start += BLOCK) {
		let texts = '';
		for (let index = start; index < start + BLOCK; index++) texts += `${outcomeText(random[index], OPERATIONS[index % 5], Math.floor(index / 5) % 3)}\n`;
		golden[`random ${start}-${start + BLOCK - 1}`] = digest(texts);
	}
	const bench = benchRecords(2_000);
	for (let start = 0; start < bench.length; start += BLOCK) {
		let texts = '';
		for (let index = start; index < start + BLOCK; index++) texts += `${outcomeText(bench[index].input, bench[index].operation, index % 3)}\n`;
		golden[`bench ${start}-${start + BLOCK - 1}`] = digest(texts);
	}
	return golden;
}

describe('golden outputs: the mapping gives the recorded JSON and idempotency keys', () => {
	const now = Settings.now;
	// Luxon's first offset guess for a wall-clock time in a DST change is the zone's offset "now": pinned.
	beforeAll(() => (Settings.now = () => Date.UTC(2026, 11, 5, 12)));
	afterAll(() => (Settings.now = now));

	it('fixtures, 20,000 random records and the benchmark mix, under three rule sets', () => {
		const actual = record();
		if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(actual, null, '\t')}\n`);
		const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, string>;
		expect(Object.keys(actual)).toHaveLength(Object.keys(expected).length);
		const changed = Object.keys(expected).filter((key) => actual[key] !== expected[key]);
		expect(changed, 'these cases no longer give the recorded output (see the comment at the top of this file)').toEqual([]);
	}, 120_000);
});
