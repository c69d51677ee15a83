import { describe, expect, it } from 'vitest';
import { normaliseEvent } from '../../src/webhooks/normalise';
import { tableRows } from '../helpers/dataTableDouble';
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

/** The template with its trigger replaced by a start node emitting these events, as the trigger emits them. */
function templateEmitting(events: ReturnType<typeof triggerOutput>[]) {
	const template = loadTemplate(COMPLIANCE_TEMPLATE);
	const trigger = template.nodes.find((n) => n.type === 'n8n-nodes-ten99policy.ten99PolicyTrigger')!;
	Object.assign(trigger, { type: 'test.items', typeVersion: 1, parameters: { items: JSON.stringify(events) }, credentials: undefined });
	return { template, trigger: trigger.name };
}

const WRITE_BACKS = ['insured', 'coverage issue', 'coi valid', 'manual review', 'in progress'].map((state) => `Write back: ${state}`);

describe('template: 1099Policy compliance sync', () => {
	it('lets each event through once, whatever process received it: the first claim in the "1099policy_events_seen" Data table wins', async () => {
		const writtenBack = async (events: ReturnType<typeof triggerOutput>[]) => {
			const { template, trigger } = templateEmitting(events);
			const result = await runWorkflow(template, {}, trigger);
			expect(result.error).toBeUndefined();
			const ran = Object.keys(result.run.data.resultData.runData);
			return WRITE_BACKS.filter((node) => ran.includes(node)).flatMap((node) => result.output(node).map((item) => String(item.json.event)));
		};
		// (Event types whose branch has no ledger node: this test has no placement ledger.)
		// Queue mode: a redelivery reaches another webhook process, whose trigger never saw the event, and starts a
		// second execution on a worker. Each execution's first step claims the event in the database.
		expect(await writtenBack([triggerOutput('certificate.approved', 1)])).toEqual(['certificate.approved']);
		expect(await writtenBack([triggerOutput('certificate.approved', 1)])).toEqual([]);
		// Two copies in flight at once (here: in one execution): only the first claim goes on.
		expect(await writtenBack([triggerOutput('certificate.flagged', 2), triggerOutput('certificate.flagged', 2), triggerOutput('application.started', 3)])).toEqual([
			'certificate.flagged',
			'application.started',
		]);
		expect(tableRows('1099policy_events_seen').map((r) => r.eventId)).toEqual(['ev_1', 'ev_1', 'ev_2', 'ev_2', 'ev_3']);
	});

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
