/**
 * Realistic JobDiva data for the stand-in, built from the field lists of JobDiva's API docs (https://api.jobdiva.com): BI rows with UPPERCASE keys and string
 * values, searchStart records with lower-case keys, spaces and epoch-ms dates.
 *
 * Cast (candidate → placement):
 * - 12345 Jordan Lee      → 45678 contractor (corp-to-corp Y, Subcontractor), CA, $95.10/h
 *                         → 45690 the same contractor returning for a second placement (TX, $102.50/h)
 * - 12346 Priya Raman     → 45679 contractor (Subcontractor, corp-to-corp N), NY, $110/h
 * - 12347 Marcus Webb     → 45680 contractor (corp-to-corp Y), WA, $800/day
 * - 12348 Alicia Gomez    → 45700 W-2: EMPLOYMENT_CATEGORY Employee, position type contract, corp-to-corp null
 * - 12349 Sam Ortiz       → 45710 bad data: no agreed pay rate and an end date before the start date
 * Each "changed at" stamp says when JobDiva would report the record in its New/Updated feeds.
 */

export type Row = Record<string, unknown>;

/** A row plus the moment it appears in a date-range feed (not part of the row JobDiva returns). */
export interface Stamped {
	at: string;
	row: Row;
}

export interface HireEvent {
	at: string;
	placementId: string;
	feed: 'new' | 'updated';
}

export interface StandinUser {
	clientId: string;
	userName: string;
	password: string;
}

export interface StandinFixtures {
	users: StandinUser[];
	candidates: Row[];
	jobs: Row[];
	/** NewUpdatedSubmittalInterviewHireActivityRecords rows (hires have HIREFLAG "1"). */
	activities: Stamped[];
	/** What NewHires / UpdatedHires report (PLACEMENTID = the hire activity's ACTIVITYID). */
	hires: HireEvent[];
	/** searchStart records. */
	starts: Row[];
	/** BillingRecordDetail rows, addressed by EMPLOYEEID + RECID. */
	billing: Row[];
	/** SalaryRecordDetail rows, addressed by EMPLOYEEID + RECID. */
	salary: Row[];
	timesheets: Stamped[];
	invoices: Row[];
	/** CandidateAttachmentDetail rows (CANDIDATEID is used for lookup, then returned with the row). */
	attachments: Row[];
}

export const STANDIN_USER: StandinUser = { clientId: '1234', userName: 'api.user@staffing.example', password: 'correct-horse-battery' };

/** The instant of a New York wall-clock time as epoch ms (JobDiva's searchStart dates). */
const ms = (iso: string) => Date.parse(iso);

/** What a certificate PDF states beyond the insured: its expiry, and a word the 1099Policy sandbox's review reads. */
export interface CoiOptions {
	/** `YYYY-MM-DD`: printed as `Expires: …`, the coverage's last day. */
	expires?: string;
	/** The sandbox's review outcome: `FLAG` (manual review) or `DENY`. */
	marker?: 'FLAG' | 'DENY';
}

/** A one-page PDF whose text says what a COI says, so content checks see a certificate. */
export function coiPdf(insured: string, options: CoiOptions = {}): Buffer {
	const extra = [options.expires ? ` 0 -20 Td (Expires: ${options.expires}) Tj` : '', options.marker ? ` 0 -20 Td (REVIEW NOTE: ${options.marker}) Tj` : ''].join('');
	const text = `BT /F1 12 Tf 72 720 Td (ACORD 25 CERTIFICATE OF LIABILITY INSURANCE) Tj 0 -20 Td (INSURED: ${insured}) Tj 0 -20 Td (CERTIFICATE HOLDER: Staffing Example Inc.) Tj${extra} ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((object, index) => {
		offsets.push(body.length);
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

const candidate = (id: string, first: string, last: string, city: string, state: string, zip: string, email: string, cell: string): Row => ({
	ID: id,
	FIRSTNAME: first,
	LASTNAME: last,
	ADDRESS1: `${100 + Number(id.slice(-2))} Market St`,
	ADDRESS2: '',
	CITY: city,
	STATE: state,
	ZIPCODE: zip,
	COUNTRY: 'US',
	EMAIL: email,
	ALTERNATEEMAIL: '',
	CELLPHONE: cell,
	HOMEPHONE: '',
	WORKPHONE: '',
});

const job = (id: string, title: string, description: string, company: [string, string], where: [string, string, string], dates: [string, string], pay: [string, string, string], positionType: string, skills: string): Row => ({
	ID: id,
	JOBTITLE: title,
	JOBDESCRIPTION: description,
	COMPANYID: company[0],
	COMPANYNAME: company[1],
	CITY: where[0],
	STATE: where[1],
	ZIPCODE: where[2],
	COUNTRY: 'US',
	STARTDATE: dates[0],
	ENDDATE: dates[1],
	PAYRATEMIN: pay[0],
	PAYRATEMAX: pay[1],
	PAYRATEPER: pay[2],
	BILLRATEPER: pay[2],
	POSITIONTYPE: positionType,
	SKILLS: skills,
});

interface PlacementSpec {
	id: string;
	candidateId: string;
	candidateName: string;
	email: string;
	jobId: string;
	companyId: string;
	start: string;
	end: string;
	/** ISO instants of start/end for searchStart's epoch ms. */
	startIso: string;
	endIso: string;
	positionType: string;
	pay: string | null;
	payUnit: string;
	bill: string;
	corpToCorp: string | null;
}

const PLACEMENTS: PlacementSpec[] = [
	{ id: '45678', candidateId: '12345', candidateName: 'Jordan Lee', email: 'jordan.lee@example.net', jobId: '78910', companyId: '501', start: '12/01/2026 00:00:00', end: '02/28/2027 00:00:00', startIso: '2026-12-01T08:00:00Z', endIso: '2027-02-28T08:00:00Z', positionType: 'Contract', pay: '95.10', payUnit: 'Hourly', bill: '130.00', corpToCorp: 'Y' },
	{ id: '45679', candidateId: '12346', candidateName: 'Priya Raman', email: 'priya.raman@example.org', jobId: '78911', companyId: '502', start: '12/07/2026 00:00:00', end: '03/31/2027 00:00:00', startIso: '2026-12-07T05:00:00Z', endIso: '2027-03-31T04:00:00Z', positionType: 'Contract', pay: '110.00', payUnit: 'Hourly', bill: '150.00', corpToCorp: 'N' },
	{ id: '45680', candidateId: '12347', candidateName: 'Marcus Webb', email: 'marcus.webb@example.com', jobId: '78912', companyId: '503', start: '12/14/2026 00:00:00', end: '01/29/2027 00:00:00', startIso: '2026-12-14T08:00:00Z', endIso: '2027-01-29T08:00:00Z', positionType: 'Contract', pay: '800.00', payUnit: 'Daily', bill: '1100.00', corpToCorp: 'Y' },
	{ id: '45690', candidateId: '12345', candidateName: 'Jordan Lee', email: 'jordan.lee@example.net', jobId: '78913', companyId: '501', start: '03/15/2027 00:00:00', end: '06/30/2027 00:00:00', startIso: '2027-03-15T05:00:00Z', endIso: '2027-06-30T05:00:00Z', positionType: 'Contract', pay: '102.50', payUnit: 'Hourly', bill: '140.00', corpToCorp: 'Y' },
	{ id: '45700', candidateId: '12348', candidateName: 'Alicia Gomez', email: 'alicia.gomez@example.net', jobId: '78914', companyId: '504', start: '12/01/2026 00:00:00', end: '05/31/2027 00:00:00', startIso: '2026-12-01T05:00:00Z', endIso: '2027-05-31T04:00:00Z', positionType: 'contract', pay: '38.00', payUnit: 'Hourly', bill: '52.00', corpToCorp: null },
	{ id: '45710', candidateId: '12349', candidateName: 'Sam Ortiz', email: 'sam.ortiz@example.com', jobId: '78915', companyId: '502', start: '01/10/2027 00:00:00', end: '12/20/2026 00:00:00', startIso: '2027-01-10T05:00:00Z', endIso: '2026-12-20T05:00:00Z', positionType: 'Contract', pay: null, payUnit: 'Hourly', bill: '95.00', corpToCorp: 'Y' },
];

const activityRow = (p: PlacementSpec): Row => ({
	ACTIVITYID: p.id,
	CANDIDATEID: p.candidateId,
	JOBID: p.jobId,
	COMPANYID: p.companyId,
	HIREFLAG: '1',
	STARTDATE: p.start,
	ENDDATE: p.end,
	POSITIONTYPE: p.positionType,
	AGREEDPAYRATE: p.pay ?? '',
	PAYFREQUENCY: p.payUnit,
	AGREEDBILLRATE: p.bill,
	BILLFREQUENCY: p.payUnit,
	CURRENCY: 'USD',
	CORPTOCORP: p.corpToCorp ?? '',
});

const startRecord = (p: PlacementSpec): Row => ({
	id: Number(p.id),
	'job id': Number(p.jobId),
	'candidate id': Number(p.candidateId),
	'candidate name': p.candidateName,
	'candidate email': p.email,
	'start date': ms(p.startIso),
	'end date': ms(p.endIso),
	'position type': p.positionType.toLowerCase() === 'contract' ? 'contract' : p.positionType,
	'agreed pay rate': p.pay === null ? null : Number(p.pay),
	'pay rate currency/unit': `USD/${p.payUnit === 'Daily' ? 'Day' : 'Hour'}`,
	'final bill rate': Number(p.bill),
	'crop to crop': p.corpToCorp === null ? null : p.corpToCorp === 'Y' ? 'true' : 'false',
	startStatus: 'Confirmed',
});

const WORKSITES: Record<string, [string, string, string]> = {
	'45678': ['San Francisco', 'CA', '94105'],
	'45679': ['New York', 'NY', '10017'],
	'45680': ['Seattle', 'WA', '98101'],
	'45690': ['Austin', 'TX', '78701'],
	'45700': ['Miami', 'FL', '33131'],
	'45710': ['Brooklyn', 'NY', '11201'],
};

const CATEGORIES: Record<string, string> = { '45678': 'Subcontractor', '45679': 'Subcontractor', '45680': 'Subcontractor', '45690': 'Subcontractor', '45700': 'Employee', '45710': 'Subcontractor' };

const billingRow = (p: PlacementSpec, recId: string): Row => {
	const [city, state, zip] = WORKSITES[p.id];
	return {
		EMPLOYEEID: p.candidateId,
		RECID: recId,
		JOBID: p.jobId,
		ACTIVITYID: p.id,
		WORK_STATE: state,
		WORKING_STATE: state,
		WORK_CITY: city,
		WORK_ZIP: zip,
		BILL_RATE: p.bill,
		BILL_RATE_PER: p.payUnit === 'Daily' ? 'D' : 'H',
		STARTDATE: p.start.slice(0, 10),
		ENDDATE: p.end.slice(0, 10),
		APPROVED: 'Y',
	};
};

const salaryRow = (p: PlacementSpec, recId: string): Row => ({
	EMPLOYEEID: p.candidateId,
	RECID: recId,
	JOBID: p.jobId,
	ACTIVITYID: p.id,
	EMPLOYMENT_CATEGORY: CATEGORIES[p.id],
	SALARY: p.pay ?? '',
	SALARY_PER: p.payUnit === 'Daily' ? 'D' : 'H',
	STARTDATE: p.start.slice(0, 10),
	ENDDATE: p.end.slice(0, 10),
	WORK_STATE: WORKSITES[p.id][1],
	APPROVED: 'Y',
});

/** A fresh copy every call, so a test that edits its fixtures never changes another's. */
export function defaultFixtures(): StandinFixtures {
	const hireStamps: Record<string, string> = {
		'45678': '2026-11-02T14:05:00Z',
		'45679': '2026-11-04T16:30:00Z',
		'45680': '2026-11-09T13:15:00Z',
		'45690': '2026-11-12T15:45:00Z',
		'45700': '2026-11-16T14:00:00Z',
		'45710': '2026-11-18T19:20:00Z',
	};
	return {
		users: [{ ...STANDIN_USER }],
		candidates: [
			candidate('12345', 'Jordan', 'Lee', 'San Francisco', 'CA', '94104', 'jordan.lee@example.net', '415-474-9088'),
			candidate('12346', 'Priya', 'Raman', 'Jersey City', 'NJ', '07302', 'priya.raman@example.org', '201-555-0143'),
			candidate('12347', 'Marcus', 'Webb', 'Tacoma', 'WA', '98402', 'marcus.webb@example.com', '253-555-0187'),
			candidate('12348', 'Alicia', 'Gomez', 'Miami', 'FL', '33130', 'alicia.gomez@example.net', '305-555-0112'),
			candidate('12349', 'Sam', 'Ortiz', 'Brooklyn', 'NY', '11201', '', '718-555-0199'),
		],
		jobs: [
			job('78910', 'Contract Data Analyst — Client Project', '<p>Three-month analytics engagement supporting <b>reporting</b> migration.</p>', ['501', 'Acme Health'], ['San Francisco', 'CA', '94105'], ['12/01/2026', '02/28/2027'], ['85.00', '95.10', 'Hourly'], 'Contract', 'SQL, Tableau, Python'),
			job('78911', 'Senior UX Designer', '<p>Redesign of the member portal.</p>', ['502', 'Northwind Bank'], ['New York', 'NY', '10017'], ['12/07/2026', '03/31/2027'], ['100.00', '110.00', 'Hourly'], 'Contract', 'Figma, user research'),
			job('78912', 'Cloud Infrastructure Consultant', '<p>AWS landing-zone build-out, day rate.</p>', ['503', 'Contoso Logistics'], ['Seattle', 'WA', '98101'], ['12/14/2026', '01/29/2027'], ['750.00', '800.00', 'Daily'], 'Contract', 'AWS, Terraform'),
			job('78913', 'Data Migration Lead', '<p>Warehouse migration, phase two.</p>', ['501', 'Acme Health'], ['Austin', 'TX', '78701'], ['03/15/2027', '06/30/2027'], ['95.00', '102.50', 'Hourly'], 'Contract', 'SQL, dbt'),
			job('78914', 'Payroll Specialist', '<p>Payroll processing (W-2 temp).</p>', ['504', 'Sunrise Retail'], ['Miami', 'FL', '33131'], ['12/01/2026', '05/31/2027'], ['35.00', '38.00', 'Hourly'], 'Contract', 'ADP, Excel'),
			job('78915', 'QA Automation Engineer', '<p>Test automation for mobile apps.</p>', ['502', 'Northwind Bank'], ['Brooklyn', 'NY', '11201'], ['01/10/2027', '12/20/2026'], ['', '', 'Hourly'], 'Contract', 'Cypress, Appium'),
		],
		activities: PLACEMENTS.map((p) => ({ at: hireStamps[p.id], row: activityRow(p) })),
		hires: PLACEMENTS.map((p) => ({ at: hireStamps[p.id], placementId: p.id, feed: 'new' as const })),
		starts: PLACEMENTS.map(startRecord),
		billing: PLACEMENTS.map((p, i) => billingRow(p, String(880 + i))),
		salary: PLACEMENTS.map((p, i) => salaryRow(p, String(880 + i))),
		timesheets: [
			{
				at: '2026-11-20T21:00:00Z',
				row: {
					TIMESHEETID: '9001',
					EMPLOYEEID: '12345',
					JOBID: '78910',
					WEEKENDINGDATE: '11/14/2026',
					HOURSWORKED: '42.5',
					REG_HOURS: '40',
					OT_HOURS: '2.5',
					REG_PAY: '95.10',
					REG_PAY_RATE_UNIT: 'Hourly',
					OT_PAY_RATE: '142.65',
					STATUS: 'Approved',
				},
			},
		],
		invoices: [
			{ INVOICEID: '3001', JOBID: '78910', EMPLOYEEID: '12345', FROMDATE: '11/01/2026', TODATE: '11/30/2026', HOURSWORKED: '160', AMOUNT: '15,216.00', INVOICETYPE: 'Regular' },
		],
		attachments: [
			{ CANDIDATEID: '12345', FILENAME: 'Jordan_Lee_COI_2026.pdf', FILECONTENT: coiPdf('Jordan Lee Consulting LLC').toString('base64') },
			{ CANDIDATEID: '12346', FILENAME: 'Priya_Raman_Resume.txt', FILECONTENT: Buffer.from('Priya Raman — Senior UX Designer\n').toString('base64') },
		],
	};
}
