/* eslint-disable @typescript-eslint/no-unused-vars -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { describe, expect, it } from 'vitest';
import { normaliseEvent, parseEvent } from '../../../src/webhooks/normalise';

const POLICY = {
	id: 'pl_9xQ2',
	object: 'policy',
	contractor: 'cn_1',
	custom_metadata: { jobdiva_placement_id: 'P-77', jobdiva_candidate_id: 4021, jobdiva_job_id: 'J-9', jobdiva_company_id: 'C-1', other: 'x' },
};

describe('parseEvent', () => {
	it('unwraps the {data: {object}} envelope', () => {
		const result = parseEvent(JSON.stringify({ id: 'ev_1', type: 'policy.active', created: 1_763_900_000, data: { object: POLICY } }));
		expect(result).toEqual({
			ok: true,
			event: {
				id: 'ev_1',
				type: 'policy.active',
				created: 1_763_900_000,
				object: POLICY,
				objectType: 'policy',
				data: { object: POLICY },
				jobdiva_placement_id: 'P-77',
				jobdiva_job_id: 'J-9',
				jobdiva_candidate_id: '4021',
				jobdiva_company_id: 'C-1',
			},
		});
	});

	it('takes data itself as the object when it is not wrapped, from a Buffer', () => {
		const result = parseEvent(Buffer.from(JSON.stringify({ id: 'ev_2', type: 'policy.active', created: 5, data: POLICY })));
		expect(result.ok && result.event).toMatchObject({ id: 'ev_2', object: POLICY, objectType: 'policy', data: POLICY, jobdiva_placement_id: 'P-77' });
	});

	it('gives the same output for both envelopes apart from data', () => {
		const wrapped = parseEvent(JSON.stringify({ id: 'ev_3', type: 'assignment.active', created: 1, data: { object: { id: 'an_1' } } }));
		const bare = parseEvent(JSON.stringify({ id: 'ev_3', type: 'assignment.active', created: 1, data: { id: 'an_1' } }));
		expect(wrapped.ok && bare.ok).toBe(true);
		if (wrapped.ok && bare.ok) {
			const { data: _a, ...left } = wrapped.event;
			const { data: _b, ...right } = bare.event;
			expect(left).toEqual(right);
		}
	});

	it('derives objectType from the ID prefix, then from the event type', () => {
		const byPrefix = normaliseEvent({ id: 'ev_4', type: 'certificate.flagged', created: 1, data: { object: { id: 'ci_7' } } });
		expect(byPrefix.ok && byPrefix.event.objectType).toBe('certificate');
		const bySession = normaliseEvent({ id: 'ev_5', type: 'application.started', created: 1, data: { id: 'ias_3' } });
		expect(bySession.ok && bySession.event.objectType).toBe('applicationSession');
		const byType = normaliseEvent({ id: 'ev_6', type: 'category_code.added', created: 1, data: { category_code: 'x' } });
		expect(byType.ok && byType.event.objectType).toBe('category_code');
	});

	it('folds policy.canceled onto the API spelling and keeps null JobDiva IDs when there is no metadata', () => {
		const result = normaliseEvent({ id: 'ev_7', type: 'policy.canceled', created: '1763900000', data: { object: { id: 'pl_1' } } });
		expect(result.ok && result.event).toMatchObject({
			type: 'policy.cancelled',
			created: 1_763_900_000,
			jobdiva_placement_id: null,
			jobdiva_job_id: null,
			jobdiva_candidate_id: null,
		});
	});

	it('keeps created null when absent', () => {
		const result = normaliseEvent({ id: 'ev_8', type: 'policy.active', data: {} });
		expect(result.ok && result.event.created).toBeNull();
	});

	it('refuses bodies that are not JSON', () => {
		expect(parseEvent('id=ev_1&type=policy.active')).toMatchObject({ ok: false, reason: 'invalid_json' });
	});

	it('refuses JSON that is not a 1099Policy event, naming the fields', () => {
		const missing = normaliseEvent({ type: 'policy.active', data: {} });
		expect(missing).toMatchObject({ ok: false, reason: 'not_a_1099policy_event' });
		expect(!missing.ok && missing.message).toContain('id');
		expect(normaliseEvent({ id: 'ev_1', type: 'hello', data: {} })).toMatchObject({ ok: false, reason: 'not_a_1099policy_event' });
		expect(normaliseEvent({ id: 'ev_1', type: 'policy.active', data: [1, 2] })).toMatchObject({ ok: false });
		expect(normaliseEvent({ id: 'ev_1', type: 'policy.active' })).toMatchObject({ ok: false });
		expect(normaliseEvent([{ id: 'ev_1' }])).toMatchObject({ ok: false });
		expect(normaliseEvent({ id: '', type: 'policy.active', data: {} })).toMatchObject({ ok: false });
	});
});
