/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { Ten99PolicyTrigger } from '../../nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node';
import { seededRandom } from '../sandbox/faults';
import { signPayload } from '../../src/webhooks/signature';
import { fakeWebhookContext } from '../unit/webhooks/support/fakeN8n';

/**
 * 1,000 signed 1099Policy events, 10% of them delivered a second time (re-signed, as 1099Policy does per attempt) and
 * 5% more deliveries forged, all shuffled and handed to the trigger's webhook() at once with one shared static data
 * object, the way n8n keeps the node's static data for an active workflow. Each genuine event must start the
 * workflow exactly once; no forged delivery may, and each forged one is answered 401.
 */

const SECRET = 'whsec_storm_4f1c2a9be07d4e3a8c55';
const WRONG_SECRET = 'whsec_attacker_guess_000000000000';
const GENUINE = 1000;
const REDELIVERED = GENUINE / 10;
const FORGED = GENUINE / 20;

interface Delivery {
	kind: 'genuine' | 'redelivery' | 'forged';
	eventId: string;
	rawBody: Buffer;
	headers: Record<string, string>;
}

function eventBody(id: string, placement: string, extra: Record<string, unknown> = {}): Buffer {
	const object = { id: `pl_${id.slice(3)}`, object: 'policy', status: 'active', custom_metadata: { jobdiva_placement_id: placement, ...extra } };
	return Buffer.from(JSON.stringify({ id, type: 'policy.active', created: 1795430000, data: { object } }));
}

function storm(random: () => number): Delivery[] {
	const now = Math.floor(Date.now() / 1000);
	const genuine: Delivery[] = Array.from({ length: GENUINE }, (_, i) => {
		const eventId = `ev_storm${String(i).padStart(6, '0')}`;
		const rawBody = eventBody(eventId, `P${i}`);
		return { kind: 'genuine', eventId, rawBody, headers: { 'ten99policy-signature': signPayload(SECRET, rawBody, now - 30) } };
	});
	const redelivered: Delivery[] = Array.from({ length: REDELIVERED }, (_, i) => {
		const original = genuine[i * 10 + 3];
		return { ...original, kind: 'redelivery', headers: { 'ten99policy-signature': signPayload(SECRET, original.rawBody, now) } };
	});
	// Five ways to forge: a guessed secret, a genuine header on a changed body, no header, a stale replay, and a
	// new event ID under a genuine event's header.
	const forged: Delivery[] = Array.from({ length: FORGED }, (_, i) => {
		const victim = genuine[i * 20 + 7];
		const tampered = eventBody(victim.eventId, `P${i * 20 + 7}`, { forged: true });
		const fresh = eventBody(`ev_forged${i}`, 'P-forged', { forged: true });
		const variants: Array<Omit<Delivery, 'kind'>> = [
			{ eventId: `ev_forged${i}`, rawBody: fresh, headers: { 'ten99policy-signature': signPayload(WRONG_SECRET, fresh, now) } },
			{ eventId: victim.eventId, rawBody: tampered, headers: victim.headers },
			{ eventId: `ev_forged${i}`, rawBody: fresh, headers: {} },
			{ eventId: `ev_forged${i}`, rawBody: fresh, headers: { 'ten99policy-signature': signPayload(SECRET, fresh, now - 3600) } },
			{ eventId: `ev_forged${i}`, rawBody: fresh, headers: victim.headers },
		];
		return { kind: 'forged', ...variants[i % variants.length] };
	});
	const all = [...genuine, ...redelivered, ...forged];
	for (let i = all.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[all[i], all[j]] = [all[j], all[i]];
	}
	return all;
}

describe('webhook storm: 1,000 events, 10% redelivered, 5% forged, all at once', () => {
	it('emits each genuine event exactly once, never a forged one, and answers forgeries 401', async () => {
		const trigger = new Ten99PolicyTrigger();
		// One static data object for every delivery, as n8n keeps it for the active workflow.
		const staticData: IDataObject = { webhookId: 'whe_storm', webhookSecret: SECRET };
		const parameters = { registration: 'automatic', events: ['policy.active'], options: {} };
		const deliveries = storm(seededRandom(8));

		const answers = await Promise.all(
			deliveries.map(async (delivery) => {
				const fake = fakeWebhookContext({ parameters, staticData, rawBody: delivery.rawBody, headers: delivery.headers });
				const result = await trigger.webhook.call(fake.context);
				return { delivery, result, status: fake.response.statusCode };
			}),
		);

		const emitted = new Map<string, number>();
		for (const { delivery, result, status } of answers) {
			const events = (result.workflowData ?? []).flat().map((item) => item.json);
			if (delivery.kind === 'forged') {
				expect(events, `forged delivery of ${delivery.eventId} emitted`).toEqual([]);
				expect(status).toBe(401);
				continue;
			}
			for (const event of events) {
				expect((event.object as { custom_metadata: IDataObject }).custom_metadata.forged).toBeUndefined();
				emitted.set(String(event.id), (emitted.get(String(event.id)) ?? 0) + 1);
			}
			// A delivery that emits nothing is a repeat, acknowledged with 200 so 1099Policy stops retrying.
			if (events.length === 0) expect(status).toBe(200);
		}
		const genuineIds = answers.filter((a) => a.delivery.kind === 'genuine').map((a) => a.delivery.eventId);
		expect(genuineIds).toHaveLength(GENUINE);
		expect([...emitted.keys()].sort()).toEqual([...genuineIds].sort());
		expect([...emitted.values()].filter((count) => count !== 1)).toEqual([]);
		expect(answers.filter((a) => a.status === 401)).toHaveLength(FORGED);
		expect(answers.filter((a) => a.status === 200)).toHaveLength(REDELIVERED);
	});
});
