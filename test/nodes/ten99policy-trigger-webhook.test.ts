import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { Ten99PolicyTrigger } from '../../nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node';
import { forgetInProcessWindows } from '../../nodes/Ten99PolicyTrigger/recentInProcess';
import { EVENT_TYPES } from '../../src/ten99policy/events';
import { signPayload } from '../../src/webhooks/signature';
import { fakeWebhookContext } from '../unit/webhooks/support/fakeN8n';

const trigger = new Ten99PolicyTrigger();
const SECRET = 'whsec_stored';
const nowSeconds = () => Math.floor(Date.now() / 1000);

function policyEvent(id: string, type = 'policy.active') {
	return {
		id,
		type,
		created: nowSeconds(),
		data: { object: { id: 'pl_1', object: 'policy', custom_metadata: { jobdiva_placement_id: 'P-1', jobdiva_candidate_id: 'C-2' } } },
	};
}

interface Delivery {
	event?: unknown;
	rawBody?: string;
	secret?: string;
	timestamp?: number;
	header?: string | null;
	parameters?: Record<string, unknown>;
	staticData?: IDataObject;
	withoutRawBody?: boolean;
}

/** Calls the node's webhook() with a delivery signed as 1099Policy would (unless told otherwise). */
async function deliver(options: Delivery) {
	const rawBody = options.rawBody ?? JSON.stringify(options.event);
	const header =
		options.header === null ? undefined : (options.header ?? signPayload(options.secret ?? SECRET, rawBody, options.timestamp ?? nowSeconds()));
	const fake = fakeWebhookContext({
		parameters: { registration: 'automatic', events: ['*'], options: {}, ...options.parameters },
		staticData: options.staticData ?? { webhookId: 'whe_1', webhookSecret: SECRET },
		rawBody: options.withoutRawBody ? undefined : rawBody,
		body: options.withoutRawBody ? (JSON.parse(rawBody) as IDataObject) : undefined,
		headers: header === undefined ? {} : { 'Ten99Policy-Signature': header },
	});
	const result = await trigger.webhook.call(fake.context);
	return { result, ...fake };
}

describe('Ten99PolicyTrigger webhook()', () => {
	it('emits a verified event, normalised, and remembers its ID', async () => {
		const { result, response, staticData } = await deliver({ event: policyEvent('ev_1') });
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData).toHaveLength(1);
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			id: 'ev_1',
			type: 'policy.active',
			objectType: 'policy',
			object: { id: 'pl_1' },
			jobdiva_placement_id: 'P-1',
			jobdiva_candidate_id: 'C-2',
			jobdiva_job_id: null,
		});
		expect(staticData.recentEventIds).toEqual(['ev_1']);
	});

	it('refuses a forged delivery with 401 and emits nothing', async () => {
		const { result, response, staticData, logs } = await deliver({ event: policyEvent('ev_2'), secret: 'whsec_attacker' });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toEqual({ statusCode: 401, body: { error: 'signature_mismatch' } });
		expect(staticData.recentEventIds).toBeUndefined();
		expect(logs.find((line) => line.level === 'warn')?.message).toContain('signature_mismatch');
		expect(JSON.stringify(logs)).not.toContain(SECRET);
	});

	it('refuses a tampered body', async () => {
		const original = JSON.stringify(policyEvent('ev_3'));
		const header = signPayload(SECRET, original, nowSeconds());
		const { response } = await deliver({ rawBody: original.replace('policy.active', 'policy.cancelled'), header });
		expect(response).toEqual({ statusCode: 401, body: { error: 'signature_mismatch' } });
	});

	it('refuses a missing and a malformed signature header', async () => {
		expect((await deliver({ event: policyEvent('ev_4'), header: null })).response).toEqual({ statusCode: 401, body: { error: 'missing_header' } });
		expect((await deliver({ event: policyEvent('ev_4'), header: 'sha256=abc' })).response).toEqual({
			statusCode: 401,
			body: { error: 'malformed_header' },
		});
	});

	it('refuses a stale signature, and accepts it under a wider configured tolerance', async () => {
		const old = nowSeconds() - 600;
		expect((await deliver({ event: policyEvent('ev_5'), timestamp: old })).response).toEqual({
			statusCode: 401,
			body: { error: 'timestamp_outside_tolerance' },
		});
		const wider = await deliver({ event: policyEvent('ev_5'), timestamp: old, parameters: { options: { toleranceSeconds: 900 } } });
		expect(wider.result.workflowData).toBeDefined();
	});

	it('refuses a signature dated in the future', async () => {
		const { response } = await deliver({ event: policyEvent('ev_6'), timestamp: nowSeconds() + 400 });
		expect(response).toEqual({ statusCode: 401, body: { error: 'timestamp_outside_tolerance' } });
	});

	it('acknowledges a repeat delivery with 200 and does not emit it twice', async () => {
		const staticData: IDataObject = { webhookId: 'whe_1', webhookSecret: SECRET };
		const first = await deliver({ event: policyEvent('ev_7'), staticData });
		expect(first.result.workflowData).toBeDefined();
		const again = await deliver({ event: policyEvent('ev_7'), staticData });
		expect(again.result).toEqual({ noWebhookResponse: true });
		expect(again.response).toEqual({ statusCode: 200, body: { received: true, emitted: false, reason: 'duplicate' } });
		expect(staticData.recentEventIds).toEqual(['ev_7']);
	});

	it('drops a repeat even when n8n did not save the static data between deliveries (n8n 2.40), and after a restart when it did', async () => {
		const first = await deliver({ event: policyEvent('ev_9'), staticData: { webhookId: 'whe_1', webhookSecret: SECRET } });
		expect(first.result.workflowData).toBeDefined();
		// A fresh static-data object: what n8n hands the next call when it did not persist the first one.
		const unsaved = await deliver({ event: policyEvent('ev_9'), staticData: { webhookId: 'whe_1', webhookSecret: SECRET } });
		expect(unsaved.response).toEqual({ statusCode: 200, body: { received: true, emitted: false, reason: 'duplicate' } });
		forgetInProcessWindows(); // n8n restarted; this time the IDs were saved
		const restarted = await deliver({ event: policyEvent('ev_9'), staticData: { webhookId: 'whe_1', webhookSecret: SECRET, recentEventIds: ['ev_9'] } });
		expect(restarted.response).toEqual({ statusCode: 200, body: { received: true, emitted: false, reason: 'duplicate' } });
	});

	it('keeps only the configured number of recent IDs', async () => {
		const staticData: IDataObject = { webhookId: 'whe_1', webhookSecret: SECRET };
		const parameters = { options: { dedupeWindowSize: 2 } };
		for (const id of ['ev_a', 'ev_b', 'ev_c']) await deliver({ event: policyEvent(id), staticData, parameters });
		expect(staticData.recentEventIds).toEqual(['ev_b', 'ev_c']);
		// ev_a fell out of the window, so a very late retry of it is emitted again.
		expect((await deliver({ event: policyEvent('ev_a'), staticData, parameters })).result.workflowData).toBeDefined();
	});

	it('acknowledges events that were not selected, accepting both spellings of cancelled', async () => {
		const parameters = { events: ['policy.cancelled'] };
		const other = await deliver({ event: policyEvent('ev_8', 'certificate.flagged'), parameters });
		expect(other.response).toEqual({ statusCode: 200, body: { received: true, emitted: false, reason: 'event_not_selected' } });
		expect(other.result.workflowData).toBeUndefined();
		const canceled = await deliver({ event: policyEvent('ev_9', 'policy.canceled'), parameters });
		expect(canceled.result.workflowData?.[0][0].json).toMatchObject({ id: 'ev_9', type: 'policy.cancelled' });
	});

	it('answers 400 to a correctly signed body that is not a 1099Policy event', async () => {
		const { response, result } = await deliver({ rawBody: JSON.stringify({ ping: true }) });
		expect(response).toEqual({ statusCode: 400, body: { error: 'not_a_1099policy_event' } });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('in manual mode verifies with the pasted secret, not static data', async () => {
		const parameters = { registration: 'manual', signingSecret: ' whsec_pasted ' };
		const ok = await deliver({ event: policyEvent('ev_10'), secret: 'whsec_pasted', parameters, staticData: { manualRegistration: true } });
		expect(ok.result.workflowData).toBeDefined();
		const stored = await deliver({ event: policyEvent('ev_11'), secret: SECRET, parameters });
		expect(stored.response.statusCode).toBe(401);
	});

	it('refuses every delivery when no secret is known, naming the fix in the log', async () => {
		const { response, logs } = await deliver({ event: policyEvent('ev_12'), staticData: {} });
		expect(response).toEqual({ statusCode: 401, body: { error: 'missing_secret' } });
		expect(logs.find((line) => line.level === 'warn')?.message).toContain('Deactivate and activate');
	});

	it('accepts unsigned deliveries only with Skip Signature Verification on', async () => {
		const unsigned = { event: policyEvent('ev_13'), header: null, staticData: {} };
		expect((await deliver(unsigned)).response.statusCode).toBe(401);
		const skipped = await deliver({ ...unsigned, parameters: { options: { skipSignatureVerification: true } } });
		expect(skipped.result.workflowData?.[0][0].json).toMatchObject({ id: 'ev_13' });
	});

	it('falls back to the parsed body when n8n gave no raw body (verifies only for compact JSON)', async () => {
		const event = policyEvent('ev_14');
		const compact = await deliver({ event, withoutRawBody: true });
		expect(compact.result.workflowData).toBeDefined();
		const pretty = JSON.stringify(event, null, 2);
		const spaced = await deliver({ rawBody: pretty, header: signPayload(SECRET, pretty, nowSeconds()), withoutRawBody: true });
		expect(spaced.response.statusCode).toBe(401);
	});
});

describe('Ten99PolicyTrigger description', () => {
	const { description } = trigger;

	it('is a POST webhook trigger answered on receipt', () => {
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }]);
	});

	it('needs the credential only for automatic registration', () => {
		expect(description.credentials).toEqual([
			{ name: 'ten99PolicyApi', required: true, testedBy: 'ten99PolicyApiTest', displayOptions: { show: { registration: ['automatic'] } } },
		]);
	});

	it('offers All plus every event type, and verification on by default', () => {
		const events = description.properties.find((p) => p.name === 'events');
		const values = (events?.options as Array<{ value: string }>).map((o) => o.value);
		expect(values[0]).toBe('*');
		expect(values).toContain('policy.cancelled');
		expect(values).toContain('certificate.flagged');
		expect(values).toContain('policy.expired');
		expect(values.slice(1)).toEqual([...EVENT_TYPES]);
		const options = description.properties.find((p) => p.name === 'options')?.options as Array<{ name: string; default: unknown }>;
		expect(options.find((o) => o.name === 'skipSignatureVerification')?.default).toBe(false);
		expect(options.find((o) => o.name === 'toleranceSeconds')?.default).toBe(300);
		expect(options.find((o) => o.name === 'dedupeWindowSize')?.default).toBe(1000);
	});
});
