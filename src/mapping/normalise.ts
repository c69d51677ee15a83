/**
 * One internal shape for every way JobDiva data reaches the node:
 * - BI rows: UPPERCASE keys, string values (`FIRSTNAME`, `PAYRATEPER`, `CORPTOCORP`), optionally still inside the
 *   BI response wrapper `{message, data: [row]}`;
 * - `searchStart` records: lower-case keys with spaces (`"candidate id"`, `"start date"` in epoch ms, `"crop to crop"`);
 * - JobDiva webhook envelopes: `{type, operation, id, data: [row]}`;
 * - the integration guide's camelCase names (`candidateId`, `firstName`, `placementId`);
 * - any of these nested under `candidate` / `job` / `placement` / `timesheet` / `invoice` / `attachment` keys,
 *   so one item can carry a whole placement.
 * Keys are compared "compacted" (lower case, letters and digits only), so `CANDIDATEID`, `candidate id` and
 * `candidateId` are one key. Every value keeps the key it came from, so errors name the JobDiva field as the user sees it.
 */

export type Part = 'candidate' | 'job' | 'placement' | 'timesheet' | 'invoice' | 'attachment';
export type Shape = 'bi' | 'searchStart' | 'webhook' | 'camelCase' | 'nested';

export const PARTS: readonly Part[] = ['candidate', 'job', 'placement', 'timesheet', 'invoice', 'attachment'];

/** A value found in the input and the key it was found under (`FIRSTNAME`, `start date`, `placement.AGREEDPAYRATE`). */
export interface Found {
	value: unknown;
	field: string;
}

export type Fields = Record<string, Found | undefined>;

export interface Normalised {
	shapes: Shape[];
	recognised: Part[];
	webhook?: { type: string; operation: string; id: string };
	candidate: Fields;
	job: Fields;
	placement: Fields;
	timesheet: Fields;
	invoice: Fields;
	attachment: Fields;
	/** Every non-blank leaf by compacted key (also without a nesting prefix): for user-configured gate and skip fields. */
	raw: Map<string, Found>;
	notes: string[];
}

export const compactKey = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Part-specific fields: internal name → compacted JobDiva keys, first match wins. */
const SPECIFIC: Record<Part, Record<string, readonly string[]>> = {
	candidate: {
		id: ['candidateid'],
		firstName: ['firstname', 'candidatefirstname'],
		lastName: ['lastname', 'candidatelastname'],
		fullName: ['candidatename', 'fullname'],
		email: ['email', 'candidateemail', 'emailaddress'],
		alternateEmail: ['alternateemail', 'email2'],
		phone: ['phone', 'cellphone', 'mobilephone', 'candidatephone', 'homephone', 'workphone'],
	},
	job: {
		id: ['jobid', 'requisitionid'],
		title: ['jobtitle', 'title', 'jobname', 'requisitiontitle'],
		description: ['jobdescription', 'description'],
		category: ['jobcategory', 'category', 'division'],
		skills: ['skills', 'skill', 'primaryskill'],
		payRateMax: ['payratemax', 'jobpayrate'],
		payRateMin: ['payratemin'],
		payRateUnit: ['payrateper', 'jobpayrateunit'],
	},
	placement: {
		id: ['placementid', 'activityid', 'startid', 'assignmentid'],
		candidateId: ['candidateid', 'employeeid'],
		jobId: ['jobid'],
		payRate: ['agreedpayrate', 'payrate', 'salary', 'compensationamount'],
		payRateUnit: ['payfrequency', 'payratecurrencyunit', 'payrateunit', 'salaryper', 'compensationtype', 'paybasis'],
		currency: ['currency'],
		corpToCorp: ['corptocorp', 'croptocrop', 'c2c'],
		employmentCategory: ['employmentcategory', 'employmenttype', 'workertype'],
		workState: ['workstate', 'workingstate', 'worksitestate', 'placementregion', 'workregion'],
		workCity: ['workcity', 'worksitecity'],
		workZip: ['workzip', 'worksitezip'],
	},
	timesheet: {
		id: ['timesheetid'],
		candidateId: ['employeeid', 'candidateid'],
		jobId: ['jobid'],
		weekEnding: ['weekendingdate', 'weekending'],
		periodStart: ['fromdate', 'periodstart', 'paycyclestart'],
		periodEnd: ['todate', 'periodend', 'paycycleend'],
		hours: ['hoursworked', 'hours', 'totalhours'],
		regularHours: ['reghours', 'regularhours'],
		overtimeHours: ['othours', 'overtimehours'],
		rate: ['regpay', 'regpayrate', 'payrate', 'rate'],
		rateUnit: ['regpayrateunit', 'payrateunit', 'rateunit'],
		overtimeRate: ['otpay', 'otpayrate', 'overtimerate'],
		amount: ['grosspay', 'totalpay', 'amount'],
	},
	invoice: {
		id: ['invoiceid'],
		candidateId: ['employeeid', 'candidateid'],
		jobId: ['jobid'],
		periodStart: ['fromdate', 'periodstart', 'paycyclestart', 'invoicestartdate'],
		periodEnd: ['todate', 'periodend', 'paycycleend', 'invoiceenddate'],
		hours: ['hoursworked', 'hours'],
		rate: ['payrate', 'rate'],
		rateUnit: ['payrateunit', 'rateunit'],
		amount: ['amount', 'grosspay', 'invoiceamount', 'total'],
		purchaseOrder: ['ponumber', 'purchaseordernumber', 'po'],
	},
	attachment: {
		fileName: ['filename', 'attachmentname', 'documentname'],
		content: ['filecontent', 'content', 'base64'],
		candidateId: ['candidateid'],
		placementId: ['placementid'],
		attachmentId: ['attachmentid', 'documentid'],
	},
};

/** Keys shared by several JobDiva objects; they belong to the first part in `owners` the row carries. */
const GENERIC: readonly { key: string; aliases: readonly string[]; owners: readonly Part[] }[] = [
	{ key: 'line1', aliases: ['address1', 'address', 'line1', 'street'], owners: ['candidate', 'job'] },
	{ key: 'line2', aliases: ['address2', 'line2'], owners: ['candidate', 'job'] },
	{ key: 'city', aliases: ['city', 'locality'], owners: ['candidate', 'job'] },
	{ key: 'state', aliases: ['state', 'region', 'statecode'], owners: ['candidate', 'job'] },
	{ key: 'zip', aliases: ['zipcode', 'zip', 'postalcode'], owners: ['candidate', 'job'] },
	{ key: 'country', aliases: ['country', 'countryid', 'countrycode'], owners: ['candidate', 'job'] },
	{ key: 'startDate', aliases: ['startdate', 'effectivedate', 'assignmentstartdate'], owners: ['placement', 'job'] },
	{ key: 'endDate', aliases: ['enddate', 'assignmentenddate'], owners: ['placement', 'job'] },
	{ key: 'positionType', aliases: ['positiontype', 'jobtype'], owners: ['placement', 'job'] },
	{ key: 'companyId', aliases: ['companyid', 'clientid', 'customerid'], owners: ['placement', 'job'] },
	{ key: 'companyName', aliases: ['companyname', 'clientname', 'customername', 'company'], owners: ['placement', 'job'] },
];

/** Keys that, when present, show which JobDiva object(s) a flat row is. */
const MARKERS: Record<Part, readonly string[]> = {
	candidate: ['firstname', 'lastname', 'candidatename', 'candidateemail', 'candidatefirstname', 'candidatelastname', 'cellphone', 'homephone', 'alternateemail'],
	job: ['jobtitle', 'jobdescription', 'payratemin', 'payratemax', 'payrateper', 'jobname', 'requisitiontitle'],
	placement: [
		'placementid', 'activityid', 'startid', 'hireflag', 'agreedpayrate', 'employmentcategory', 'corptocorp', 'croptocrop',
		'salaryper', 'workstate', 'workingstate', 'startstatus', 'payratecurrencyunit', 'finalbillrate', 'payfrequency',
	],
	timesheet: ['timesheetid', 'weekendingdate', 'weekending', 'reghours', 'regpayrateunit'],
	invoice: ['invoiceid', 'invoicetype'],
	attachment: ['filename', 'filecontent'],
};

/** Which part owns a row's bare `ID` key: the most specific object the row is. */
const ID_PRECEDENCE: readonly Part[] = ['timesheet', 'invoice', 'placement', 'job', 'candidate', 'attachment'];

/** JobDiva webhook `type` → the part its data row describes. Billing/salary records are the closest thing to a placement. */
const WEBHOOK_TYPES: Record<string, Part> = {
	candidate: 'candidate',
	job: 'job',
	billing: 'placement',
	salary: 'placement',
	placement: 'placement',
	start: 'placement',
	timesheet: 'timesheet',
	invoice: 'invoice',
	attachment: 'attachment',
	document: 'attachment',
};

export function isBlank(value: unknown): boolean {
	return nonBlank(value) === undefined;
}

/** The value as the rules use it (strings trimmed), or undefined when it is blank: missing, null, "" or "null". */
function nonBlank(value: unknown): unknown {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	return trimmed === '' || trimmed.toLowerCase() === 'null' ? undefined : trimmed;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isPart = (key: string): key is Part => (PARTS as readonly string[]).includes(key);

/** Compacted marker key → the parts it marks. */
const MARKED = new Map<string, Part[]>();
for (const part of PARTS) for (const marker of MARKERS[part]) MARKED.set(marker, [...(MARKED.get(marker) ?? []), part]);

/** A row's shape from its keys: searchStart keys have spaces; BI keys with letters are all upper case. */
function rowShape(keys: readonly string[]): Shape {
	if (keys.some((key) => key.trim().includes(' '))) return 'searchStart';
	const lettered = keys.filter((key) => /[a-zA-Z]/.test(key));
	return lettered.length > 0 && lettered.every((key) => key === key.toUpperCase()) ? 'bi' : 'camelCase';
}

/** The parts a bare row is, from its marker keys and the keys it has (`row`: compacted key → value). */
function detectParts(row: ReadonlyMap<string, Found>): Set<Part> {
	const parts = new Set<Part>();
	for (const key of row.keys()) for (const part of MARKED.get(key) ?? []) parts.add(part);
	// A searchStart record or a guide-style placement: candidate and job references plus a start date.
	if (row.has('candidateid') && row.has('jobid') && (row.has('startdate') || row.has('enddate'))) parts.add('placement');
	// `candidate email` / `email` with a candidate id is enough to build a contractor from a searchStart record.
	if (row.has('email') && !parts.has('job')) parts.add('candidate');
	if (parts.has('timesheet') && parts.has('invoice')) parts.delete('timesheet');
	return parts;
}

/**
 * Reads one n8n item's JSON into the internal shape. Never throws: anything it cannot read is left out and
 * the mapping rules decide whether that is an error (they name the missing field).
 */
export function normalise(input: unknown): Normalised {
	const out: Normalised = { shapes: [], recognised: [], candidate: {}, job: {}, placement: {}, timesheet: {}, invoice: {}, attachment: {}, raw: new Map(), notes: [] };
	if (!isPlainObject(input)) {
		out.notes.push(`The item is ${Array.isArray(input) ? 'an array' : typeof input}, not a JobDiva record.`);
		return out;
	}
	const recognised = new Set<Part>();
	const nestedKeys = Object.keys(input).filter((key) => isPart(key) && isPlainObject(input[key])) as Part[];
	if (nestedKeys.length > 0) {
		out.shapes.push('nested');
		for (const key of nestedKeys) readRecord(out, recognised, input[key] as Record<string, unknown>, key, `${key}.`);
		// Flat keys beside the nested objects (e.g. a placementId next to `candidate: {...}`) are read too.
		const rest = Object.fromEntries(Object.entries(input).filter(([key]) => !(nestedKeys as string[]).includes(key)));
		if (Object.keys(rest).length > 0) readRecord(out, recognised, rest, undefined, '');
	} else {
		readRecord(out, recognised, input, undefined, '');
	}
	out.shapes = [...new Set(out.shapes)];
	out.recognised = PARTS.filter((part) => recognised.has(part));
	return out;
}

function readRecord(out: Normalised, recognised: Set<Part>, record: Record<string, unknown>, forced: Part | undefined, prefix: string): void {
	let row = record;
	let part = forced;
	let webhookId: Found | undefined;
	const isWebhook = typeof record.type === 'string' && typeof record.operation === 'string';
	if (isWebhook) {
		out.shapes.push('webhook');
		const type = (record.type as string).trim().toLowerCase();
		const operation = (record.operation as string).trim();
		const id = isBlank(record.id) ? '' : String(record.id);
		out.webhook = { type, operation, id };
		part = part ?? WEBHOOK_TYPES[type];
		if (!part) {
			out.notes.push(`JobDiva webhook type "${record.type as string}" carries no candidate, job, placement, timesheet, invoice or attachment data.`);
		}
		if (id !== '') webhookId = { value: id, field: `${prefix}id` };
		const data = record.data;
		if (Array.isArray(data) && data.length > 0 && isPlainObject(data[0])) {
			row = data[0];
			prefix = `${prefix}data[0].`;
			if (data.length > 1) {
				out.notes.push(`The webhook's data held ${data.length} rows; only the first was mapped. Split them into items first (Split Out node).`);
			}
		} else {
			out.notes.push(`The webhook (${operation}) has no data row${operation.toLowerCase() === 'delete' ? ': JobDiva sends none on Delete' : ''}.`);
			if (part) recognised.add(part);
			if (part && webhookId) {
				const idKey = part === 'attachment' ? 'attachmentId' : 'id';
				out[part][idKey] = out[part][idKey] ?? webhookId;
			}
			return;
		}
	} else if (Array.isArray(record.data) && record.data.length > 0 && isPlainObject(record.data[0]) && Object.keys(record).every((k) => k === 'data' || k === 'message')) {
		// A BI response `{message, data: [row]}` passed through unchanged.
		row = record.data[0];
		prefix = `${prefix}data[0].`;
		if (record.data.length > 1) out.notes.push(`The BI response held ${record.data.length} rows; only the first was mapped. Split them into items first.`);
	}

	const keys = Object.keys(row);
	if (keys.length === 0) return;
	out.shapes.push(rowShape(keys));
	// The row by compacted key: the first non-blank value (trimmed) under any spelling (`JOBID`, `jobId`) and its key.
	const values = new Map<string, Found>();
	const compactPrefix = compactKey(prefix);
	for (const key of keys) {
		const value = nonBlank(row[key]);
		const compacted = compactKey(key);
		if (value === undefined || compacted === '') continue;
		const found: Found = { value, field: `${prefix}${key}` };
		if (!values.has(compacted)) values.set(compacted, found);
		// every leaf for the Skip List and Contractor Evidence, also under its nesting prefix (`candidate.STATE`)
		if (!out.raw.has(compacted)) out.raw.set(compacted, found);
		if (compactPrefix !== '' && !out.raw.has(compactPrefix + compacted)) out.raw.set(compactPrefix + compacted, found);
	}
	const first = (aliases: readonly string[]): Found | undefined => aliases.map((alias) => values.get(alias)).find(Boolean);

	// A nested object or a webhook says what it is; a bare row is recognised by its marker keys. References to
	// other objects (a placement row's CANDIDATEID) are read below either way.
	// A webhook's type is authoritative: a `contact` row has FIRSTNAME/EMAIL but is a client contact, not a candidate.
	const parts = part ? new Set([part]) : isWebhook ? new Set<Part>() : detectParts(values);
	for (const each of parts) recognised.add(each);

	// Part-specific fields are read into each part this row is; the first row to supply a field wins.
	for (const each of PARTS) {
		if (!parts.has(each)) continue;
		for (const [name, aliases] of Object.entries(SPECIFIC[each])) out[each][name] ??= first(aliases);
	}
	for (const generic of GENERIC) {
		const owners = generic.owners.filter((owner) => parts.has(owner));
		const hit = first(generic.aliases);
		if (owners.length === 0 || !hit) continue;
		// Company keys serve both the job and the placement when both are in the row; other keys the first owner.
		const shared = generic.key === 'companyId' || generic.key === 'companyName';
		for (const owner of shared ? owners : owners.slice(0, 1)) out[owner][generic.key] ??= hit;
	}
	// The bare `ID` key belongs to the most specific object in the row; a webhook's `id` likewise.
	const idOwner = ID_PRECEDENCE.find((each) => parts.has(each));
	const bareId = idOwner && (values.get('id') ?? webhookId);
	if (idOwner && bareId) out[idOwner][idOwner === 'attachment' ? 'attachmentId' : 'id'] ??= bareId;
	// References: a row about one object that names another (JOBID on a candidate-less placement row) lets
	// later rules fill that object's ID.
	if (!parts.has('candidate')) out.candidate.id ??= values.get('candidateid') ?? values.get('employeeid');
	if (!parts.has('job')) out.job.id ??= values.get('jobid');
	if (!parts.has('placement')) out.placement.id ??= values.get('placementid');
}

/** The first non-blank value among `names` of a part's fields, or undefined. */
export function pick(fields: Fields, ...names: string[]): Found | undefined {
	return names.map((name) => fields[name]).find((found) => found && !isBlank(found.value));
}

export function text(found: Found | undefined): string | undefined {
	const value = nonBlank(found?.value);
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return undefined;
}
