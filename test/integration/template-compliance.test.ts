import { describe, expect, it } from 'vitest';
import { normaliseEvent } from '../../src/webhooks/normalise';
import { COMPLIANCE_TEMPLATE, loadTemplate } from '../helpers/template';
import { runWorkflow } from '../helpers/workflow';

/**
 * The compliance template's routing, unchanged, through n8n-core: events as the 1099Policy Trigger emits them (built
 * with its own normaliser) enter at the Switch, whose rule conditions n8n-core's filter engine evaluates.
 */
const metadata = { jobdiva_placement_id: '45678', jobdiva_candidate_id: '12345', jobdiva_job_id: '78910' };
const EVENTS: Array<[string, string]> = [
	['policy.active', 'insured'],
	['assignment.active', 'insured'],
	['policy.canceled', 'coverage issue'],
	['policy.expired', 'coverage issue'],
	['certificate.validated', 'coi valid'],
	['certificate.approved', 'coi valid'],
	['certificate.flagged', 'manual review'],
	['application.started', 'in progress'],
];

function triggerOutput(type: string, index: number) {
	const parsed = normaliseEvent({
		id: `ev_${index}`,
		type,
		created: 1795000000 + index,
		data: { object: { id: `pl_${index}`, object: type.split('.')[0], custom_metadata: metadata } },
	});
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.event;
}

describe('template: 1099Policy compliance sync', () => {
	it('routes each event to the compliance state to write back, with the JobDiva IDs', async () => {
		const template = loadTemplate(COMPLIANCE_TEMPLATE);
		const trigger = template.nodes.find((n) => n.type === 'n8n-nodes-ten99policy.ten99PolicyTrigger')!;
		// Replace only the trigger: a start node emitting what the trigger emits for these deliveries.
		Object.assign(trigger, {
			type: 'test.items',
			typeVersion: 1,
			parameters: { items: JSON.stringify(EVENTS.map(([type], i) => triggerOutput(type, i))) },
			credentials: undefined,
		});
		const result = await runWorkflow(template, {}, trigger.name);
		expect(result.error).toBeUndefined();
		for (const state of ['insured', 'coverage issue', 'coi valid', 'manual review', 'in progress']) {
			const expected = EVENTS.filter(([, s]) => s === state).map(([type]) => type.replace('.canceled', '.cancelled'));
			const written = result.output(`Write back: ${state}`).map((item) => item.json);
			expect(written.map((w) => w.event), state).toEqual(expected);
			for (const w of written) {
				expect(w).toMatchObject({ placementId: '45678', candidateId: '12345', jobId: '78910', complianceState: state });
				expect(String(w.at)).toMatch(/^2026-11-\d\dT/);
			}
		}
	});
});
