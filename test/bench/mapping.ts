import { mapRecord, parseRules, type MapOutcome } from '../../src/mapping';
import { benchRecords } from './mappingRecords';
import { figure, heading, judge, ms, ratio, type BenchResult } from './report';

/**
 * Benchmark 1: the JobDivaToTen99 rules (`mapRecord`) over 100,000 mixed JobDiva records, against the cost of a
 * deep copy of the same records (`JSON.parse(JSON.stringify(records))`), the floor for "touching every field once".
 * Target: mapping ≤ 3× the copy.
 */

const COUNT = 100_000;
const TARGET = 3;

export const RULES = parseRules({
	categoryTable: [{ match: 'title', pattern: 'analyst', code: 'jc_DATA_ANALYTICS' }],
	defaultCategoryCode: 'jc_GENERAL',
	clientTable: [{ client: '501', coverageTypes: ['general'], entity: 'en_acme' }],
	defaultCoverageTypes: ['general'],
	defaultEntity: 'en_default',
	proxyEmailDomain: 'relay.example.com',
	timeZone: '',
	fallbackTimeZone: 'America/New_York',
	skipList: [],
	contractorEvidence: [],
	gateAllOperations: false,
	unitTable: [],
	successUrlTemplate: 'https://dash.example.com/placements/{placementId}?coverage=active',
	cancelUrlTemplate: 'https://dash.example.com/placements/{placementId}?coverage=canceled',
	contractorId: '',
	jobId: '',
	quoteId: '',
});

function best(runs: number, task: () => void): number {
	let fastest = Infinity;
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		task();
		fastest = Math.min(fastest, performance.now() - start);
	}
	return fastest;
}

export async function benchMapping(): Promise<BenchResult> {
	heading(`1. Mapping: mapRecord over ${COUNT.toLocaleString('en-US')} mixed JobDiva records`);
	const records = benchRecords(COUNT);
	const outcomes: Record<MapOutcome['kind'], number> = { mapped: 0, skipped: 0, error: 0 };
	const mapAll = () => {
		for (const record of records) {
			try {
				outcomes[mapRecord(record.input, record.operation, RULES).kind]++;
			} catch {
				outcomes.error++;
			}
		}
	};
	// Warm-up on a slice, so both sides run optimised code.
	for (const record of records.slice(0, 5_000)) mapRecord(record.input, record.operation, RULES);
	JSON.parse(JSON.stringify(records.slice(0, 5_000)));

	const cloneMs = best(3, () => JSON.parse(JSON.stringify(records)));
	const mapMs = best(2, () => {
		for (const kind of Object.keys(outcomes) as Array<MapOutcome['kind']>) outcomes[kind] = 0;
		mapAll();
	});
	const bytes = Buffer.byteLength(JSON.stringify(records));
	figure('records', `${COUNT.toLocaleString('en-US')} (${(bytes / 1024 / 1024).toFixed(1)} MB as JSON; 10 shapes/operations)`);
	figure('outcomes', `${outcomes.mapped} mapped, ${outcomes.skipped} skipped, ${outcomes.error} errors`);
	figure('mapRecord', `${ms(mapMs)} → ${Math.round(COUNT / (mapMs / 1000)).toLocaleString('en-US')} records/s`);
	figure('JSON.parse(JSON.stringify(records))', `${ms(cloneMs)} → ${Math.round(COUNT / (cloneMs / 1000)).toLocaleString('en-US')} records/s`);
	// Where the time goes, per input shape (one more pass, timed per record type).
	const perShape = new Map<string, { ms: number; count: number }>();
	for (const record of records) {
		const start = performance.now();
		try {
			mapRecord(record.input, record.operation, RULES);
		} catch {
			// counted above
		}
		const entry = perShape.get(record.shape) ?? { ms: 0, count: 0 };
		entry.ms += performance.now() - start;
		entry.count++;
		perShape.set(record.shape, entry);
	}
	for (const [shape, entry] of perShape) figure(`  ${shape}`, `${((entry.ms * 1000) / entry.count).toFixed(1)} µs/record`);
	const factor = mapMs / cloneMs;
	return {
		name: 'mapping',
		judgements: [judge('mapRecord time / JSON clone time', ratio(factor), `≤ ${TARGET}×`, factor <= TARGET)],
		note: `${Math.round(COUNT / (mapMs / 1000)).toLocaleString('en-US')} records/s`,
	};
}
