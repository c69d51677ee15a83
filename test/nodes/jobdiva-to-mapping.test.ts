/* eslint-disable @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobDivaApi } from '../../credentials/JobDivaApi.credentials';
import { JobDiva } from '../../nodes/JobDiva/JobDiva.node';
import { JobDivaToTen99 } from '../../nodes/JobDivaToTen99/JobDivaToTen99.node';
import { schemas } from '../../src/mapping';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { PACKAGE, registerCredentialType, registerNodeType } from '../helpers/nodeTypes';
import { chain, runWorkflow } from '../helpers/workflow';

/**
 * The end-to-end check, in-process: the JobDiva node reads the stand-in, its output goes unchanged into
 * JobDiva to 1099Policy, and what comes out are valid 1099Policy request bodies (checked with the mapping's own zod
 * schemas); W-2 and evidence-less placements are skipped and bad data is reported, not mapped.
 */

registerNodeType(`${PACKAGE}.jobDiva`, new JobDiva());
registerNodeType(`${PACKAGE}.jobDivaToTen99`, new JobDivaToTen99());
registerCredentialType(new JobDivaApi());

let standin: JobDivaStandin;
beforeAll(async () => {
	standin = await startJobDivaStandin();
});
afterAll(() => standin.stop());

type Json = Record<string, any>;
const creds = () => ({ jobDivaApi: { ...STANDIN_USER, baseUrl: standin.url } });

const jobDiva = (parameters: Record<string, unknown>) => ({
	name: 'JobDiva',
	type: `${PACKAGE}.jobDiva`,
	typeVersion: 1,
	parameters: { options: { timeZone: 'America/New_York' }, ...parameters },
	credentials: { jobDivaApi: { id: '1', name: 'JobDiva' } },
});

const map = (operation: string, parameters: Record<string, unknown> = {}) => ({
	name: 'Map',
	type: `${PACKAGE}.jobDivaToTen99`,
	typeVersion: 1,
	onError: 'continueRegularOutput' as const,
	parameters: {
		operation,
		contractorId: '={{ "cn_" + ($json.CANDIDATEID ?? $json.EMPLOYEEID ?? $json["candidate id"] ?? $json.ID) }}',
		jobId: '={{ "jb_" + ($json.JOBID ?? $json["job id"] ?? $json.ID) }}',
		quoteId: '',
		successUrlTemplate: 'https://staffing.example.com/placements/{placementId}?coverage=active',
		cancelUrlTemplate: 'https://staffing.example.com/placements/{placementId}?coverage=canceled',
		defaultCategoryCode: 'GENERAL_SERVICES',
		defaultEntity: 'en_staffing',
		...parameters,
	},
});

async function mapped(workflow: ReturnType<typeof chain>) {
	const result = await runWorkflow(workflow, creds());
	expect(result.error).toBeUndefined();
	return { mapped: result.output('Map', 0).map((i) => i.json as Json), skipped: result.output('Map', 1).map((i) => i.json as Json), result };
}

describe('JobDiva node → JobDiva to 1099Policy', () => {
	it('new hires (expanded) map to valid quote, assignment and session bodies; W-2 and unproven placements are skipped; bad data is an error item', async () => {
		const { mapped: out, skipped } = await mapped(
			chain([{}], jobDiva({ resource: 'placement', operation: 'getHires', hireFeed: 'new', fromDate: '2026-11-01T00:00:00', toDate: '2026-11-22T00:00:00', expand: true }), map('mapPlacement')),
		);
		const bodies = out.filter((j) => j.quote);
		expect(bodies.map((j) => j.jobdiva.placementId)).toEqual(['45678', '45680', '45690']);
		for (const j of bodies) {
			schemas.quoteBody.parse(j.quote.body);
			schemas.assignmentBody.parse(j.assignment.body);
			schemas.sessionBody.parse(j.session.body);
		}
		expect(bodies[0].quote.body).toMatchObject({ contractor: 'cn_12345', job: 'jb_78910', custom_metadata: { jobdiva_placement_id: '45678' } });
		expect(bodies[2].assignment.body).toMatchObject({ contractor: 'cn_12345', job: 'jb_78913' }); // the returning contractor
		// 45679 is a Subcontractor only by its salary record, which the hire record does not carry; 45700 is the W-2.
		expect(skipped.map((s) => [s.jobdiva?.placementId, s.field, s.value])).toEqual([
			['45679', 'CORPTOCORP', 'N'],
			['45700', 'POSITIONTYPE', 'contract'],
		]);
		const errors = out.filter((j) => j.error);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ field: 'ENDDATE', value: '12/20/2026 00:00:00' }); // 45710: end before start
	});

	it('a salary record (the webhook era\'s placement signal) proves the contractor the hire record could not', async () => {
		const { mapped: out, skipped } = await mapped(
			chain([{ e: '12346', r: '881' }, { e: '12348', r: '884' }], jobDiva({ resource: 'salaryRecord', operation: 'get', employeeId: '={{ $json.e }}', recordId: '={{ $json.r }}' }), map('mapPlacement')),
		);
		expect(out.map((j) => j.jobdiva.placementId)).toEqual(['45679']);
		expect(schemas.quoteBody.parse(out[0].quote.body)).toMatchObject({ contractor: 'cn_12346', job: 'jb_78911' });
		expect(skipped.map((s) => [s.field, s.value])).toEqual([['EMPLOYMENT_CATEGORY', 'Employee']]);
	});

	it('searchStart records map as they come (lower-case keys, epoch ms); the W-2 start is skipped', async () => {
		const { mapped: out, skipped } = await mapped(
			chain([{ c: '12345' }, { c: '12348' }], jobDiva({ resource: 'placement', operation: 'search', candidateId: '={{ $json.c }}', jobId: '' }), map('mapPlacement')),
		);
		expect(out.map((j) => j.jobdiva.placementId)).toEqual(['45678', '45690']);
		for (const j of out) schemas.quoteBody.parse(j.quote.body);
		expect(out[0].quote.body).toMatchObject({ effective_date: Date.parse('2026-12-01T08:00:00Z') / 1000 });
		expect(skipped).toHaveLength(1);
		expect(skipped[0]).toMatchObject({ field: 'position type', value: 'contract', jobdiva: { placementId: '45700' } });
	});

	it('candidates and jobs map to valid contractor and job bodies (relay email when JobDiva has none)', async () => {
		const candidates = await mapped(
			chain(['12345', '12349'].map((id) => ({ id })), jobDiva({ resource: 'candidate', operation: 'get', candidateId: '={{ $json.id }}' }), map('mapCandidate')),
		);
		for (const j of candidates.mapped) schemas.contractorBody.parse(j.contractor.body);
		expect(candidates.mapped.map((j) => [j.contractor.body.email, j.contractor.proxyEmail])).toEqual([
			['jordan.lee@example.net', false],
			[expect.stringMatching(/^12349@/), true],
		]);

		const jobs = await mapped(chain([{ id: '78910' }, { id: '78912' }], jobDiva({ resource: 'job', operation: 'get', jobId: '={{ $json.id }}' }), map('mapJob')));
		for (const j of jobs.mapped) schemas.jobBody.parse(j.job.body);
		expect(jobs.mapped.map((j) => [j.job.body.wage, j.job.body.wage_type, j.job.body.region])).toEqual([
			[9510, 'hourly', 'CA'],
			[80000, 'flatfee', 'WA'],
		]);
	});

	it('a timesheet and an invoice map to valid invoice bodies', async () => {
		const timesheets = await mapped(
			chain([{}], jobDiva({ resource: 'timesheet', operation: 'getNewUpdated', fromDate: '2026-11-15T00:00:00', toDate: '2026-11-22T00:00:00' }), map('mapTimesheetOrInvoice')),
		);
		expect(timesheets.mapped).toHaveLength(1);
		schemas.invoiceBody.parse(timesheets.mapped[0].invoice.body);
		const invoices = await mapped(chain([{}], jobDiva({ resource: 'invoice', operation: 'get', invoiceId: '3001' }), map('mapTimesheetOrInvoice')));
		expect(schemas.invoiceBody.parse(invoices.mapped[0].invoice.body)).toMatchObject({ gross_pay: 1521600 });
	});

	it('the downloaded COI maps to a certificate upload with the PDF as binary', async () => {
		const { result, mapped: out } = await mapped(
			chain([{}], jobDiva({ resource: 'candidate', operation: 'downloadAttachment', candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf', binaryPropertyName: 'data' }), map('mapAttachment', { contractorId: 'cn_jordan' })),
		);
		expect(schemas.certificateFields.parse(out[0].certificate.fields)).toMatchObject({ contractor: 'cn_jordan', custom_metadata: { jobdiva_candidate_id: '12345' } });
		expect(result.output('Map', 0)[0].binary?.data).toMatchObject({ mimeType: 'application/pdf' });
	});
});
