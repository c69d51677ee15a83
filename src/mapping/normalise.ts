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

const compactKeyOf = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Compacted keys, remembered: every key of every row is compacted, and a run sees the same few hundred keys over
 * and over. Bounded (emptied when full) because keys are data: a feed with generated key names must not grow it
 * for ever.
 */
const keyInfos = new Map<string, KeyInfo>();
const COMPACTED_LIMIT = 10_000;

/** A key compacted, and the traits of it that decide a row's shape (see ShapeTraits). */
interface KeyInfo {
	compact: string;
	traits: number;
}

/** What ShapeTraits needs to know of one key, as bits. */
const HAS_SPACE = 1;
const HAS_LETTER = 2;
const NOT_UPPER = 4;

function keyInfo(key: string): KeyInfo {
	let info = keyInfos.get(key);
	if (info === undefined) {
		info = {
			compact: compactKeyOf(key),
			traits: (key.trim().includes(' ') ? HAS_SPACE : 0) | (/[a-zA-Z]/.test(key) ? HAS_LETTER : 0) | (key !== key.toUpperCase() ? NOT_UPPER : 0),
		};
		if (keyInfos.size >= COMPACTED_LIMIT) keyInfos.clear();
		keyInfos.set(key, info);
	}
	return info;
}

export function compactKey(key: string): string {
	return keyInfo(key).compact;
}

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

/**
 * `compactPrefix + compacted`, remembered per prefix ("candidate", "data0"): a string made fresh for every field
 * would be hashed afresh by every Map lookup, and the raw map looks each one up. Bounded like `compacted`.
 */
const prefixed = new Map<string, Map<string, string>>();

function prefixedKey(compactPrefix: string, compactedKey: string): string {
	let byKey = prefixed.get(compactPrefix);
	if (byKey === undefined) {
		if (prefixed.size >= PARTS.length * 4) prefixed.clear();
		byKey = new Map();
		prefixed.set(compactPrefix, byKey);
	}
	let result = byKey.get(compactedKey);
	if (result === undefined) {
		result = compactPrefix + compactedKey;
		if (byKey.size >= COMPACTED_LIMIT) byKey.clear();
		byKey.set(compactedKey, result);
	}
	return result;
}

/** SPECIFIC as [name, aliases] pairs, made once (readRecord walks them for every row). */
const SPECIFIC_ENTRIES = Object.fromEntries(PARTS.map((part) => [part, Object.entries(SPECIFIC[part])])) as Record<Part, [string, readonly string[]][]>;

/** The first alias the row has, or undefined. */
function firstAlias(byCompact: Map<string, Found>, aliases: readonly string[]): Found | undefined {
	for (const alias of aliases) {
		const hit = byCompact.get(alias);
		if (hit) return hit;
	}
	return undefined;
}

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
	if (value === undefined || value === null) return true;
	if (typeof value !== 'string') return false;
	const trimmed = value.trim();
	return trimmed === '' || (trimmed.length === 4 && trimmed.toLowerCase() === 'null');
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A Normalised whose `raw` map is built on first use: only the Skip List and Contractor Evidence rules read it,
 * and filling it for every leaf of every item was the largest part of normalising. It is built from the rows'
 * key maps in the order readRecord read them, so it holds exactly what filling it eagerly did.
 */
class LazyNormalised implements Normalised {
	shapes: Shape[] = [];
	recognised: Part[] = [];
	webhook?: { type: string; operation: string; id: string };
	candidate: Fields = {};
	job: Fields = {};
	placement: Fields = {};
	timesheet: Fields = {};
	invoice: Fields = {};
	attachment: Fields = {};
	notes: string[] = [];
	/** Each row read: its non-blank leaves by compacted key, and the compacted nesting prefix ('' for none). */
	readonly rows: [Map<string, Found>, string][] = [];
	private rawMap?: Map<string, Found>;

	get raw(): Map<string, Found> {
		if (!this.rawMap) {
			const raw = new Map<string, Found>();
			for (const [byCompact, compactPrefix] of this.rows) {
				for (const [compacted, found] of byCompact) {
					if (!raw.has(compacted)) raw.set(compacted, found);
					if (compactPrefix !== '') {
						const withPrefix = prefixedKey(compactPrefix, compacted);
						if (!raw.has(withPrefix)) raw.set(withPrefix, found);
					}
				}
			}
			this.rawMap = raw;
		}
		return this.rawMap;
	}
}

function emptyNormalised(): LazyNormalised {
	return new LazyNormalised();
}

/**
 * Reads one n8n item's JSON into the internal shape. Never throws: anything it cannot read is left out and
 * the mapping rules decide whether that is an error (they name the missing field).
 */
export function normalise(input: unknown): Normalised {
	const out = emptyNormalised();
	if (!isPlainObject(input)) {
		out.notes.push(`The item is ${Array.isArray(input) ? 'an array' : typeof input}, not a JobDiva record.`);
		return out;
	}
	const keys = Object.keys(input);
	const nestedKeys: string[] = [];
	for (const key of keys) if ((PARTS as readonly string[]).includes(key) && isPlainObject(input[key])) nestedKeys.push(key);
	if (nestedKeys.length > 0) {
		out.shapes.push('nested');
		for (const key of nestedKeys) readRecord(out, input[key] as Record<string, unknown>, key as Part, `${key}.`);
		// Flat keys beside the nested objects (e.g. a placementId next to `candidate: {...}`) are read too.
		const rest = flatKeys(input, keys, nestedKeys);
		if (rest) readRecord(out, rest, undefined, '');
	} else {
		readRecord(out, input, undefined, '');
	}
	out.shapes = [...new Set(out.shapes)];
	out.recognised = PARTS.filter((part) => out.recognised.includes(part));
	return out;
}

/** The keys of `input` other than `nestedKeys`, as an object, or undefined when there are none. */
function flatKeys(input: Record<string, unknown>, keys: readonly string[], nestedKeys: readonly string[]): Record<string, unknown> | undefined {
	// A "__proto__" key must become an own property, as Object.fromEntries makes it; plain assignment would not.
	if (keys.includes('__proto__')) {
		const rest = Object.fromEntries(Object.entries(input).filter(([key]) => !nestedKeys.includes(key)));
		return Object.keys(rest).length > 0 ? rest : undefined;
	}
	let rest: Record<string, unknown> | undefined;
	for (const key of keys) {
		if (nestedKeys.includes(key)) continue;
		rest ??= {};
		rest[key] = input[key];
	}
	return rest;
}

function readRecord(out: LazyNormalised, record: Record<string, unknown>, forced: Part | undefined, prefix: string): void {
	let row = record;
	let part = forced;
	let webhookId: Found | undefined;
	const envelope = typeof record.type === 'string' && typeof record.operation === 'string' ? { type: record.type, operation: record.operation } : undefined;
	const isWebhook = envelope !== undefined;
	if (envelope) {
		out.shapes.push('webhook');
		const type = envelope.type.trim().toLowerCase();
		const operation = envelope.operation.trim();
		const id = isBlank(record.id) ? '' : String(record.id);
		out.webhook = { type, operation, id };
		part = part ?? WEBHOOK_TYPES[type];
		if (!part) {
			out.notes.push(`JobDiva webhook type "${envelope.type}" carries no candidate, job, placement, timesheet, invoice or attachment data.`);
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
			if (part) out.recognised.push(part);
			if (part && webhookId) {
				const target = out[part];
				const idKey = part === 'attachment' ? 'attachmentId' : 'id';
				target[idKey] = target[idKey] ?? webhookId;
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

	const byCompact = new Map<string, Found>();
	// compactKey(prefix + key) is compactKey(prefix) + compactKey(key): lower-casing is per character (the one
	// context rule, final sigma, gives a non-ASCII letter either way, and those are dropped).
	const compactPrefix = prefix === '' ? '' : compactKey(prefix);
	const shape = new ShapeTraits();
	for (const key of keys) {
		const info = keyInfo(key);
		shape.add(info.traits);
		let value = row[key];
		// isBlank, with the trimmed string kept for the value
		if (value === undefined || value === null) continue;
		if (typeof value === 'string') {
			value = value.trim();
			if (value === '' || ((value as string).length === 4 && (value as string).toLowerCase() === 'null')) continue;
		}
		const compacted = info.compact;
		if (compacted === '' || byCompact.has(compacted)) continue;
		const found = { value, field: `${prefix}${key}` };
		byCompact.set(compacted, found);
	}
	out.rows.push([byCompact, compactPrefix]);
	out.shapes.push(shape.shape());

	// A nested object or a webhook says what it is; a bare row is recognised by its marker keys. References to
	// other objects (a placement row's CANDIDATEID) are read below either way.
	// A webhook's type is authoritative: a `contact` row has FIRSTNAME/EMAIL but is a client contact, not a candidate.
	const parts = part ? [part] : isWebhook ? [] : detectParts(byCompact);
	for (const p of parts) if (!out.recognised.includes(p)) out.recognised.push(p);

	// Part-specific fields are read into each part this row is; the first row to supply a field wins.
	for (const p of PARTS) {
		const fields = out[p];
		if (!parts.includes(p)) continue;
		for (const [name, aliases] of SPECIFIC_ENTRIES[p]) {
			if (fields[name]) continue;
			const hit = firstAlias(byCompact, aliases);
			if (hit) fields[name] = hit;
		}
	}
	for (const generic of GENERIC) {
		let owner: Part | undefined;
		for (const p of generic.owners) {
			if (parts.includes(p)) {
				owner = p;
				break;
			}
		}
		if (!owner) continue;
		const hit = firstAlias(byCompact, generic.aliases);
		if (hit && !out[owner][generic.key]) out[owner][generic.key] = hit;
		// Company and date keys serve both the job and the placement when both are in the row.
		if (hit && (generic.key === 'companyId' || generic.key === 'companyName')) {
			for (const p of generic.owners) if (parts.includes(p) && !out[p][generic.key]) out[p][generic.key] = hit;
		}
	}
	// The bare `ID` key belongs to the most specific object in the row; a webhook's `id` likewise.
	const idOwner = ID_PRECEDENCE.find((p) => parts.includes(p));
	const bareId = byCompact.get('id') ?? webhookId;
	if (idOwner && bareId) {
		const idKey = idOwner === 'attachment' ? 'attachmentId' : 'id';
		if (!out[idOwner][idKey]) out[idOwner][idKey] = bareId;
	}
	// References: a row about one object that names another (JOBID on a candidate-less placement row) lets
	// later rules fill that object's ID.
	const candidateRef = byCompact.get('candidateid') ?? byCompact.get('employeeid');
	if (candidateRef && !out.candidate.id && !parts.includes('candidate')) out.candidate.id = candidateRef;
	const jobRef = byCompact.get('jobid');
	if (jobRef && !out.job.id && !parts.includes('job')) out.job.id = jobRef;
	const placementRef = byCompact.get('placementid');
	if (placementRef && !out.placement.id && !parts.includes('placement')) out.placement.id = placementRef;
}

/** A row's shape from its keys' traits: searchStart keys have spaces; BI keys with letters are all upper case. */
class ShapeTraits {
	private anySpace = false;
	private anyLetters = false;
	private lowerLetters = false;

	add(bits: number): void {
		if (bits & HAS_SPACE) this.anySpace = true;
		if (bits & HAS_LETTER) {
			this.anyLetters = true;
			if (bits & NOT_UPPER) this.lowerLetters = true;
		}
	}

	shape(): Shape {
		if (this.anySpace) return 'searchStart';
		return this.anyLetters && !this.lowerLetters ? 'bi' : 'camelCase';
	}
}

/** MARKERS turned round: marker key → the parts it marks. */
const MARKED_PARTS = new Map<string, Part[]>();
for (const part of PARTS) {
	for (const marker of MARKERS[part]) {
		const parts = MARKED_PARTS.get(marker) ?? [];
		parts.push(part);
		MARKED_PARTS.set(marker, parts);
	}
}

function detectParts(byCompact: Map<string, Found>): Part[] {
	// The parts with a marker key in the row (looked up per key of the row, not per marker), in PARTS order.
	const marked = new Set<Part>();
	for (const key of byCompact.keys()) {
		const partsMarked = MARKED_PARTS.get(key);
		if (partsMarked) for (const part of partsMarked) marked.add(part);
	}
	const parts = PARTS.filter((part) => marked.has(part));
	// A searchStart record or a guide-style placement: candidate and job references plus a start date.
	if (!parts.includes('placement') && byCompact.has('candidateid') && byCompact.has('jobid') && (byCompact.has('startdate') || byCompact.has('enddate'))) {
		parts.push('placement');
	}
	// `candidate email` / `email` with a candidate id is enough to build a contractor from a searchStart record.
	if (!parts.includes('candidate') && byCompact.has('email') && !parts.includes('job')) parts.push('candidate');
	if (parts.includes('timesheet') && parts.includes('invoice')) parts.splice(parts.indexOf('timesheet'), 1);
	return PARTS.filter((part) => parts.includes(part));
}

/** The first non-blank value among `fields` of `part`, or undefined. */
export function pick(fields: Fields, first: string, second?: string, third?: string): Found | undefined {
	// Fixed parameters, not `...names`: called dozens of times per item, and a rest array each time adds up.
	const found = fields[first];
	if (found && !isBlank(found.value)) return found;
	if (second === undefined) return undefined;
	const other = fields[second];
	if (other && !isBlank(other.value)) return other;
	if (third === undefined) return undefined;
	const last = fields[third];
	return last && !isBlank(last.value) ? last : undefined;
}

export function text(found: Found | undefined): string | undefined {
	if (!found || isBlank(found.value)) return undefined;
	const value = found.value;
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return undefined;
}
