/* eslint-disable @typescript-eslint/no-unused-vars -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { describe, expect, it } from 'vitest';
import { schemas } from '../../../src/mapping';
import { failed, fixture, mapped, nestedPlacement, rules, skipped } from './support';

/**
 * The JobDiva → 1099Policy integration guide, sections 4.1–4.7, one test per table row. Inputs are JobDiva's
 * real shapes (BI rows from test/fixtures/mapping); expected values are written out by hand.
 */

describe('§4.1 Candidate → Contractor', () => {
	const contractor = () => mapped(fixture('candidateDetail'), 'mapCandidate').contractor!;

	it('candidateId → custom_metadata.jobdiva_candidate_id', () => {
		expect(contractor().body.custom_metadata).toEqual({ jobdiva_candidate_id: '12345' });
	});
	it('firstName, lastName → first_name, last_name (flat, not under contact)', () => {
		const body = contractor().body as Record<string, unknown>;
		expect(body.first_name).toBe('Jordan');
		expect(body.last_name).toBe('Lee');
		expect(body).not.toHaveProperty('contact');
	});
	it('email → email', () => {
		expect(contractor().body.email).toBe('jordan.lee@example.net');
		expect(contractor().proxyEmail).toBe(false);
	});
	it.each([
		['missing', ''],
		['GDPR placeholder', 'gdpr@removed.com'],
		['not an address', 'n/a'],
	])('email %s → proxy <candidateId>@<relay domain>', (_label, email) => {
		const result = mapped({ ...fixture('candidateDetail'), EMAIL: email }, 'mapCandidate', rules({ proxyEmailDomain: 'relay.yourdomain.com' }));
		expect(result.contractor!.body.email).toBe('12345@relay.yourdomain.com');
		expect(result.contractor!.proxyEmail).toBe(true);
		expect(result.notes.join(' ')).toMatch(/relay address 12345@relay\.yourdomain\.com/);
	});
	it('ALTERNATEEMAIL is used before a proxy', () => {
		const result = mapped({ ...fixture('candidateDetail'), EMAIL: '', ALTERNATEEMAIL: 'jl@alt.example.org' }, 'mapCandidate');
		expect(result.contractor!.body.email).toBe('jl@alt.example.org');
	});
	it('country → address.country, state → address.region (names and 3-letter codes normalised)', () => {
		expect(contractor().body.address).toEqual({
			line1: '1 Kearny St',
			line2: 'Suite 400',
			locality: 'San Francisco',
			region: 'CA',
			postalcode: '94104',
			country: 'US',
		});
		const named = mapped({ ID: '7', FIRSTNAME: 'A', LASTNAME: 'B', STATE: 'New York', COUNTRY: 'USA' }, 'mapCandidate');
		expect(named.contractor!.body.address).toEqual({ region: 'NY', country: 'US' });
	});
	it('phone → phone; empty phone and empty address are left out, never ""', () => {
		expect(contractor().body.phone).toBe('415-474-9088');
		const bare = mapped({ ID: '7', FIRSTNAME: 'A', LASTNAME: 'B', EMAIL: 'a@b.io', CELLPHONE: '', STATE: '', COUNTRY: ' ' }, 'mapCandidate');
		expect(bare.contractor!.body).toEqual({ first_name: 'A', last_name: 'B', email: 'a@b.io', custom_metadata: { jobdiva_candidate_id: '7' } });
	});
	it('the body passes the 1099Policy contractor schema', () => {
		expect(schemas.contractorBody.safeParse(contractor().body).success).toBe(true);
	});
});

describe('§4.2 Job → Job', () => {
	const job = (item: unknown = nestedPlacement(), ruleSet = rules()) => mapped(item, 'mapPlacement', ruleSet).job!;

	it('name ← job title', () => expect(job().body.name).toBe('Contract Data Analyst — Client Project'));
	it('description ← job description, HTML stripped', () =>
		expect(job().body.description).toBe('Three-month analytics engagement supporting reporting migration.'));
	it('entity ← client entity from the Client Table', () => expect(job().body.entity).toBe('en_12AbC3'));
	it('entity ← Default Entity for other clients; left out with a note when none', () => {
		expect(job(nestedPlacement({ COMPANYID: '999' }, { COMPANYID: '999', COMPANYNAME: 'Other' })).body.entity).toBe('en_default');
		const result = mapped(nestedPlacement({ COMPANYID: '999' }, { COMPANYID: '999', COMPANYNAME: 'Other' }), 'mapPlacement', rules({ defaultEntity: '' }));
		expect(result.job!.body).not.toHaveProperty('entity');
		expect(result.notes.join(' ')).toMatch(/job\.entity left out/);
	});
	it('category_code ← Category Table (title, then skill regex), then default', () => {
		expect(job().body.category_code).toBe('DATA_ANALYTICS');
		expect(job(nestedPlacement({}, { JOBTITLE: 'Backend Engineer', SKILLS: 'Java, SQL' })).body.category_code).toBe('SOFTWARE_DEV');
		expect(job(nestedPlacement({}, { JOBTITLE: 'Welder', SKILLS: 'TIG' })).body.category_code).toBe('GENERAL_SERVICES');
	});
	it('category_code: nothing matches and no default → error naming the title', () => {
		const error = failed(nestedPlacement({}, { JOBTITLE: 'Welder', SKILLS: 'TIG' }), 'mapPlacement', rules({ defaultCategoryCode: '' }));
		expect(error.field).toBe('job.JOBTITLE');
		expect(error.value).toBe('Welder');
		expect(error.fix).toMatch(/Category Table/);
	});
	it('wage (cents) ← placement rate × 100, exact', () => {
		expect(job(nestedPlacement({ AGREEDPAYRATE: '95.10' })).body.wage).toBe(9510);
	});
	it('wage ← job pay rate when the placement has none', () => {
		const result = mapped(nestedPlacement({ AGREEDPAYRATE: '', PAYFREQUENCY: '' }), 'mapPlacement');
		expect(result.job!.body.wage).toBe(9500);
		expect(result.notes.join(' ')).toMatch(/wage comes from the job's job\.PAYRATEMAX/);
	});
	it('wage_type ← pay basis (hourly)', () => {
		expect(job().body.wage_type).toBe('hourly');
		expect(job().conversion).toMatch(/wage 9500 cents, wage_type hourly/);
	});
	it('region ← worksite state; defaults to the contractor region', () => {
		expect(job().body.region).toBe('CA');
		const noJobState = mapped(nestedPlacement({}, { STATE: '', ZIPCODE: '' }, { STATE: 'OR' }), 'mapPlacement');
		expect(noJobState.job!.body.region).toBe('OR');
		expect(noJobState.notes.join(' ')).toMatch(/taken from the candidate's state/);
	});
	it('custom_metadata.jobdiva_job_id and jobdiva_candidate_id', () => {
		expect(job().body.custom_metadata).toEqual({ jobdiva_job_id: '78910', jobdiva_candidate_id: '12345' });
	});
	it('Map Job on a JobDetail row alone uses the job pay rate', () => {
		const result = mapped(fixture('jobDetail'), 'mapJob');
		expect(result.job!.body).toMatchObject({ wage: 9500, wage_type: 'hourly', region: 'CA', custom_metadata: { jobdiva_job_id: '78910' } });
		expect(schemas.jobBody.safeParse(result.job!.body).success).toBe(true);
	});
});

describe('§4.3 Placement → Quote', () => {
	const quote = (item: unknown = nestedPlacement(), ruleSet = rules()) => mapped(item, 'mapPlacement', ruleSet).quote!;

	it('contractor ← Contractor ID parameter', () => expect(quote().body.contractor).toBe('cn_Kh18Qs'));
	it('job ← Job ID parameter', () => expect(quote().body.job).toBe('jb_Dl9n42'));
	it('contractor/job left out with a note when the parameters are empty', () => {
		const result = mapped(nestedPlacement(), 'mapPlacement', rules({ contractorId: '', jobId: '' }));
		expect(result.quote!.body).not.toHaveProperty('contractor');
		expect(result.quote!.body).not.toHaveProperty('job');
		expect(result.notes.join(' ')).toMatch(/contractor left out.*job left out/);
	});
	it('coverage_type[] ← client requirement; default ["general"]', () => {
		expect(quote().body.coverage_type).toEqual(['general', 'workers-comp']);
		expect(quote(nestedPlacement({ COMPANYID: '777' }, { COMPANYID: '777', COMPANYNAME: 'Zeta' })).body.coverage_type).toEqual(['general']);
		expect(quote(nestedPlacement({ COMPANYID: '777' }, { COMPANYID: '777', COMPANYNAME: 'ACME HEALTH' }), rules({ clientTable: [{ client: 'acme health', coverageTypes: ['professional'] }] })).body.coverage_type).toEqual(['professional']);
	});
	it('effective_date ← placement start date, Unix seconds UTC, in the worksite zone (CA)', () => {
		// 12/01/2026 00:00 America/Los_Angeles = 2026-12-01T08:00:00Z
		expect(quote().body.effective_date).toBe(1796112000);
		expect(quote().timeZone).toBe('America/Los_Angeles');
	});
	it('end_date ← placement end date (a midnight end is the whole day)', () => {
		// 02/28/2027 23:59:59 America/Los_Angeles = 2027-03-01T07:59:59Z
		expect(quote().body.end_date).toBe(1803887999);
	});
	it('custom_metadata ← placement, job and candidate IDs', () => {
		expect(quote().body.custom_metadata).toEqual({ jobdiva_placement_id: '45678', jobdiva_job_id: '78910', jobdiva_candidate_id: '12345' });
	});
	it('the guide example: camelCase placement with zoned ISO dates', () => {
		const result = mapped(fixture('camelCasePlacement'), 'mapPlacement');
		expect(result.quote!.body).toEqual({
			contractor: 'cn_Kh18Qs',
			job: 'jb_Dl9n42',
			coverage_type: ['general', 'workers-comp'],
			effective_date: 1795824000,
			end_date: 1798423200,
			custom_metadata: { jobdiva_placement_id: 'pl_45678', jobdiva_job_id: 'job_78910', jobdiva_candidate_id: '12345' },
		});
		expect(schemas.quoteBody.safeParse(result.quote!.body).success).toBe(true);
	});
});

describe('§4.4 Application Session', () => {
	const session = (ruleSet = rules()) => mapped(nestedPlacement(), 'mapPlacement', ruleSet).session!;

	it('quote ← Quote ID parameter', () => expect(session().body.quote).toBe('qt_Pf5LmA'));
	it('success_url and cancel_url from templates with the placement ID', () => {
		expect(session().body.success_url).toBe('https://dashboard.yourdomain.com/jobdiva/placements/45678?coverage=active');
		expect(session().body.cancel_url).toBe('https://dashboard.yourdomain.com/jobdiva/placements/45678?coverage=canceled');
	});
	it('custom_metadata.jobdiva_placement_id', () => expect(session().body.custom_metadata).toEqual({ jobdiva_placement_id: '45678' }));
	it('empty templates leave the URLs out; a template that is no URL is an error naming the parameter', () => {
		const bare = session(rules({ successUrlTemplate: '', cancelUrlTemplate: '', quoteId: '' }));
		expect(bare.body).toEqual({ custom_metadata: { jobdiva_placement_id: '45678' } });
		const error = failed(nestedPlacement(), 'mapPlacement', rules({ successUrlTemplate: 'placements/{placementId}' }));
		expect(error.field).toBe('Success URL Template');
	});
});

describe('§4.5 Assignment', () => {
	const assignment = () => mapped(nestedPlacement(), 'mapPlacement').assignment!;

	it('contractor and job ← parameters', () => expect(assignment().body).toMatchObject({ contractor: 'cn_Kh18Qs', job: 'jb_Dl9n42' }));
	it('effective_date / end_date ← the same placement dates as the quote', () => {
		expect(assignment().body.effective_date).toBe(1796112000);
		expect(assignment().body.end_date).toBe(1803887999);
	});
	it('coverage_type[] ← coverage requirement', () => expect(assignment().body.coverage_type).toEqual(['general', 'workers-comp']));
	it('custom_metadata.jobdiva_placement_id', () => expect(assignment().body.custom_metadata.jobdiva_placement_id).toBe('45678'));
	it('the body passes the assignment schema', () => expect(schemas.assignmentBody.safeParse(assignment().body).success).toBe(true));
});

const PDF_COI = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n(CERTIFICATE OF LIABILITY INSURANCE) (ACORD 25)\n%%EOF\n';
const PDF_RESUME = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n(Jordan Lee - Data Analyst - Experience)\n%%EOF\n';
const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

describe('§4.6 Candidate attachment → Certificate upload', () => {
	it('a COI by file name: PDF out of FILECONTENT, contractor and custom_metadata fields', async () => {
		const outcome = (await import('../../../src/mapping')).mapRecord(
			{ candidateId: '12345', placementId: 'pl_45678', FILENAME: 'COI_2026.pdf', FILECONTENT: b64(PDF_RESUME) },
			'mapAttachment',
			rules(),
		);
		expect(outcome.kind).toBe('mapped');
		if (outcome.kind !== 'mapped') return;
		expect(outcome.file!.data.toString('latin1')).toBe(PDF_RESUME);
		expect(outcome.file!.mimeType).toBe('application/pdf');
		expect(outcome.json.certificate).toMatchObject({
			fields: { contractor: 'cn_Kh18Qs', custom_metadata: { jobdiva_candidate_id: '12345', jobdiva_placement_id: 'pl_45678' } },
			fileName: 'COI_2026.pdf',
			binaryProperty: 'data',
		});
		expect(outcome.json.certificate!.idempotencyKey).toMatch(/^jobdiva-certificate-12345-[0-9a-f]{8}$/);
	});
	it('a COI by content when the name says nothing', () => {
		const result = mapped({ candidateId: '12345', FILENAME: 'scan0042.pdf', FILECONTENT: b64(PDF_COI) }, 'mapAttachment');
		expect(result.notes.join(' ')).toMatch(/certificate-of-insurance wording/);
	});
	it('a résumé PDF is Skipped with the reason', () => {
		const result = skipped({ candidateId: '12345', FILENAME: 'Jordan_Lee_Resume.pdf', FILECONTENT: b64(PDF_RESUME) }, 'mapAttachment');
		expect(result.reason).toMatch(/does not look like a certificate of insurance/);
		expect(result).toMatchObject({ field: 'FILENAME', value: 'Jordan_Lee_Resume.pdf' });
	});
	it('a Word document named COI is Skipped: not a PDF', () => {
		const result = skipped({ candidateId: '12345', FILENAME: 'COI.docx', FILECONTENT: b64('PK\u0003\u0004 word/document.xml') }, 'mapAttachment');
		expect(result.reason).toMatch(/not a PDF/);
	});
	it('FILECONTENT that is not base64 is an error naming it', () => {
		expect(failed({ candidateId: '1', FILENAME: 'coi.pdf', FILECONTENT: 'not base64 at all!' }, 'mapAttachment').field).toBe('FILECONTENT');
	});
});

describe('§4.7 Timesheet / Invoice → Invoice', () => {
	it('timesheet: gross_pay = REG_HOURS × REG_PAY + OT_HOURS × OT_PAY_RATE, exact cents', () => {
		const invoice = mapped(fixture('timesheetRecord'), 'mapTimesheetOrInvoice').invoice!;
		// 40 × 95.10 + 2.5 × 142.65 = 3804.00 + 356.625 → 3804.00 + 356.63 = 4160.63
		expect(invoice.body.gross_pay).toBe(380400 + 35663);
	});
	it('timesheet: pay cycle = the 7 days ending WEEKENDINGDATE', () => {
		const invoice = mapped(fixture('timesheetRecord'), 'mapTimesheetOrInvoice', rules({ timeZone: 'America/New_York' })).invoice!;
		// 03/08/2026 00:00 EST … 03/14/2026 23:59:59 EDT
		expect(invoice.body.paycycle_startdate).toBe(1772946000);
		expect(invoice.body.paycycle_enddate).toBe(1773547199);
		expect(invoice.body).toMatchObject({ contractor: 'cn_Kh18Qs', job: 'jb_Dl9n42' });
		expect(invoice.idempotencyKey).toMatch(/^jobdiva-invoice-TS-9001-[0-9a-f]{8}$/);
	});
	it('invoice: gross_pay ← AMOUNT ("15,216.00" → 1521600), paycycle ← FROMDATE/TODATE', () => {
		const invoice = mapped(fixture('invoiceDetail'), 'mapTimesheetOrInvoice', rules({ timeZone: 'America/New_York' })).invoice!;
		expect(invoice.body).toEqual({ contractor: 'cn_Kh18Qs', job: 'jb_Dl9n42', gross_pay: 1521600, paycycle_startdate: 1772341200, paycycle_enddate: 1775015999 });
		expect(invoice.source).toBe('invoice');
		expect(schemas.invoiceBody.safeParse(invoice.body).success).toBe(true);
	});
	it('overtime hours without an overtime rate is an error naming OT_HOURS', () => {
		const { OT_PAY_RATE: _ignored, ...row } = fixture('timesheetRecord');
		expect(failed(row, 'mapTimesheetOrInvoice').field).toBe('OT_HOURS');
	});
	it('hours with a daily rate unit is an error naming the unit', () => {
		expect(failed({ ...fixture('timesheetRecord'), REG_PAY_RATE_UNIT: 'Daily' }, 'mapTimesheetOrInvoice').field).toBe('REG_PAY_RATE_UNIT');
	});
});
