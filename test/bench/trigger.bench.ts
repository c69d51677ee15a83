/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * Per-event cost of the 1099Policy trigger's webhook handling on a 5 KB delivery: signature verification,
 * parsing + normalisation, and the deduplication window (restored from a full 1,000-ID static-data array and
 * written back, as every real delivery does). Run: node --import tsx test/bench/trigger.bench.ts
 * Prints figures only; it is not a test and never fails on timing.
 */
import type { IDataObject } from 'n8n-workflow';
import { Ten99PolicyTrigger } from '../../nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node';
import { RecentKeys } from '../../src/util/recentKeys';
import { receiveDelivery } from '../../src/webhooks/receive';
import { signPayload } from '../../src/webhooks/signature';
import { fakeWebhookContext } from '../unit/webhooks/support/fakeN8n';

const SECRET = 'whsec_bench_0123456789abcdefghijklmnop';
const TARGET_BYTES = 5 * 1024;
const WARMUP = 2_000;
const SAMPLES = 20_000;

/** A policy.active event padded with realistic fields to about 5 KB. */
function eventBody(index: number, created: number): string {
	const object: Record<string, unknown> = {
		id: `pl_${index.toString(36).padStart(8, '0')}`,
		object: 'policy',
		contractor: 'cn_ti8eXviE4A',
		job: 'jb_rajdrwMUKi',
		quote: 'qt_8sJ2kL0pQa',
		coverage_type: ['general', 'workers-comp'],
		effective_date: created,
		end_date: created + 90 * 86_400,
		custom_metadata: { jobdiva_placement_id: `P-${index}`, jobdiva_job_id: 'J-77120', jobdiva_candidate_id: 'C-40211' },
		notes: [] as string[],
	};
	const body = () => JSON.stringify({ id: `ev_${index.toString(36).padStart(10, '0')}`, type: 'policy.active', created, data: { object } });
	while (Buffer.byteLength(body()) < TARGET_BYTES) {
		(object.notes as string[]).push(`Coverage note ${(object.notes as string[]).length}: contractor confirmed placement details`);
	}
	return body();
}

interface Delivery {
	rawBody: Buffer;
	header: string;
}

function deliveries(count: number): Delivery[] {
	const now = Math.floor(Date.now() / 1000);
	return Array.from({ length: count }, (_, i) => {
		const rawBody = Buffer.from(eventBody(i, now));
		return { rawBody, header: signPayload(SECRET, rawBody, now) };
	});
}

function fullWindow(): string[] {
	return Array.from({ length: 1000 }, (_, i) => `ev_seen_${i}`);
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(label: string, nanos: number[]): void {
	const micros = nanos.map((n) => n / 1000).sort((a, b) => a - b);
	const mean = micros.reduce((sum, v) => sum + v, 0) / micros.length;
	const line = [
		`median ${percentile(micros, 50).toFixed(1)} µs`,
		`p99 ${percentile(micros, 99).toFixed(1)} µs`,
		`mean ${mean.toFixed(1)} µs`,
		`max ${micros[micros.length - 1].toFixed(1)} µs`,
	].join(', ');
	console.log(`${label.padEnd(44)} ${line}`);
}

/** The pure pipeline: verify + normalise + dedupe, with the window round-tripped through a plain array. */
function benchPipeline(inputs: Delivery[]): number[] {
	let stored = fullWindow();
	const timings: number[] = [];
	for (let i = 0; i < inputs.length; i++) {
		const { rawBody, header } = inputs[i];
		const start = process.hrtime.bigint();
		const recent = RecentKeys.fromState(stored, 1000);
		const decision = receiveDelivery({ rawBody, signatureHeader: header, secret: SECRET, selectedEvents: ['policy.active'], recent });
		if (decision.action !== 'emit') throw new Error(`Delivery ${i} was not emitted: ${JSON.stringify(decision)}`);
		stored = recent.toState();
		timings.push(Number(process.hrtime.bigint() - start));
	}
	return timings;
}

/** The node's webhook() itself, through a hand-built n8n context (no HTTP server). */
async function benchNode(inputs: Delivery[]): Promise<number[]> {
	const trigger = new Ten99PolicyTrigger();
	const staticData: IDataObject = { webhookId: 'whe_bench', webhookSecret: SECRET, recentEventIds: fullWindow() };
	const parameters = { registration: 'automatic', events: ['policy.active'], options: {} };
	const timings: number[] = [];
	for (let i = 0; i < inputs.length; i++) {
		const { rawBody, header } = inputs[i];
		const fake = fakeWebhookContext({ parameters, staticData, rawBody, body: {}, headers: { 'ten99policy-signature': header } });
		const start = process.hrtime.bigint();
		const result = await trigger.webhook.call(fake.context);
		timings.push(Number(process.hrtime.bigint() - start));
		if (!result.workflowData) throw new Error(`Delivery ${i} was not emitted`);
	}
	return timings;
}

async function main(): Promise<void> {
	const inputs = deliveries(WARMUP + SAMPLES);
	console.log(`1099Policy trigger, ${SAMPLES} deliveries of ${inputs[0].rawBody.length} bytes each, dedupe window 1,000 (Node ${process.version})`);
	benchPipeline(inputs.slice(0, WARMUP));
	report('verify + normalise + dedupe (src/webhooks)', benchPipeline(inputs.slice(WARMUP)));
	await benchNode(inputs.slice(0, WARMUP));
	report('node webhook() with a fake n8n context', await benchNode(inputs.slice(WARMUP)));
}

void main();
