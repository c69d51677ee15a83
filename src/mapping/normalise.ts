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

/**
 * `text.trim()`, without calling it when both ends are printable ASCII (never white space), as nearly every JobDiva
 * value is: trimming is done for every value read and again for every value used.
 */
function trimText(text: string): string {
	const last = text.length - 1;
	if (last >= 0) {
		const first = text.charCodeAt(0);
		const end = text.charCodeAt(last);
		if (first > 32 && first < 127 && end > 32 && end < 127) return text;
	}
	return text.trim();
}

export function isBlank(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value !== 'string') return false;
	const trimmed = trimText(value);
	return trimmed === '' || (trimmed.length === 4 && trimmed.toLowerCase() === 'null');
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A part as a bit (its index in PARTS), so a row's parts are one number. */
const PART_BIT: Record<Part, number> = { candidate: 1, job: 2, placement: 4, timesheet: 8, invoice: 16, attachment: 32 };

/**
 * Every compacted key the rules look for (aliases, markers, references) gets a slot number, so reading a row fills
 * fixed arrays instead of a Map per row (see `slotStamp` below). Fixed at load time: only these names get a slot.
 */
const SLOTS = new Map<string, number>();

function slotOf(compacted: string): number {
	let slot = SLOTS.get(compacted);
	if (slot === undefined) {
		slot = SLOTS.size;
		SLOTS.set(compacted, slot);
	}
	return slot;
}

/** SPECIFIC by part index (PARTS order): the names in SPECIFIC's order and each one's alias slots. */
const SPECIFIC_SLOTS: { names: string[]; slots: number[][] }[] = PARTS.map((part) => ({
	names: Object.keys(SPECIFIC[part]),
	slots: Object.values(SPECIFIC[part]).map((aliases) => aliases.map(slotOf)),
}));

/** GENERIC with alias slots and owners as part indexes. */
const GENERIC_SLOTS = GENERIC.map((generic) => ({
	key: generic.key,
	slots: generic.aliases.map(slotOf),
	owners: generic.owners.map((part) => PARTS.indexOf(part)),
	/** Company keys serve both the job and the placement when both are in the row. */
	shared: generic.key === 'companyId' || generic.key === 'companyName',
}));

/** ID_PRECEDENCE as part indexes. */
const ID_OWNERS = ID_PRECEDENCE.map((part) => PARTS.indexOf(part));

/**
 * Every field readRecord may set on a part (its SPECIFIC names, the GENERIC keys it may own, its bare-ID field), by
 * part index. The Fields classes below declare exactly these (test/unit/mapping/shapes.test.ts checks), so setting
 * a field changes a value instead of adding a property, and each part's Fields keeps one shape for every item:
 * reading and setting fields by name was a good share of normalising when each item grew its own shapes.
 */
export const FIELD_NAMES: readonly (readonly string[])[] = PARTS.map((part) => [
	...new Set([
		...Object.keys(SPECIFIC[part]),
		...GENERIC.filter((generic) => generic.owners.includes(part)).map((generic) => generic.key),
		part === 'attachment' ? 'attachmentId' : 'id',
	]),
]);

class CandidateFields {
	[name: string]: Found | undefined;
	id: Found | undefined = undefined;
	firstName: Found | undefined = undefined;
	lastName: Found | undefined = undefined;
	fullName: Found | undefined = undefined;
	email: Found | undefined = undefined;
	alternateEmail: Found | undefined = undefined;
	phone: Found | undefined = undefined;
	line1: Found | undefined = undefined;
	line2: Found | undefined = undefined;
	city: Found | undefined = undefined;
	state: Found | undefined = undefined;
	zip: Found | undefined = undefined;
	country: Found | undefined = undefined;
}

class JobFields {
	[name: string]: Found | undefined;
	id: Found | undefined = undefined;
	title: Found | undefined = undefined;
	description: Found | undefined = undefined;
	category: Found | undefined = undefined;
	skills: Found | undefined = undefined;
	payRateMax: Found | undefined = undefined;
	payRateMin: Found | undefined = undefined;
	payRateUnit: Found | undefined = undefined;
	line1: Found | undefined = undefined;
	line2: Found | undefined = undefined;
	city: Found | undefined = undefined;
	state: Found | undefined = undefined;
	zip: Found | undefined = undefined;
	country: Found | undefined = undefined;
	startDate: Found | undefined = undefined;
	endDate: Found | undefined = undefined;
	positionType: Found | undefined = undefined;
	companyId: Found | undefined = undefined;
	companyName: Found | undefined = undefined;
}

class PlacementFields {
	[name: string]: Found | undefined;
	id: Found | undefined = undefined;
	candidateId: Found | undefined = undefined;
	jobId: Found | undefined = undefined;
	payRate: Found | undefined = undefined;
	payRateUnit: Found | undefined = undefined;
	currency: Found | undefined = undefined;
	corpToCorp: Found | undefined = undefined;
	employmentCategory: Found | undefined = undefined;
	workState: Found | undefined = undefined;
	workCity: Found | undefined = undefined;
	workZip: Found | undefined = undefined;
	startDate: Found | undefined = undefined;
	endDate: Found | undefined = undefined;
	positionType: Found | undefined = undefined;
	companyId: Found | undefined = undefined;
	companyName: Found | undefined = undefined;
}

class TimesheetFields {
	[name: string]: Found | undefined;
	id: Found | undefined = undefined;
	candidateId: Found | undefined = undefined;
	jobId: Found | undefined = undefined;
	weekEnding: Found | undefined = undefined;
	periodStart: Found | undefined = undefined;
	periodEnd: Found | undefined = undefined;
	hours: Found | undefined = undefined;
	regularHours: Found | undefined = undefined;
	overtimeHours: Found | undefined = undefined;
	rate: Found | undefined = undefined;
	rateUnit: Found | undefined = undefined;
	overtimeRate: Found | undefined = undefined;
	amount: Found | undefined = undefined;
}

class InvoiceFields {
	[name: string]: Found | undefined;
	id: Found | undefined = undefined;
	candidateId: Found | undefined = undefined;
	jobId: Found | undefined = undefined;
	periodStart: Found | undefined = undefined;
	periodEnd: Found | undefined = undefined;
	hours: Found | undefined = undefined;
	rate: Found | undefined = undefined;
	rateUnit: Found | undefined = undefined;
	amount: Found | undefined = undefined;
	purchaseOrder: Found | undefined = undefined;
}

class AttachmentFields {
	[name: string]: Found | undefined;
	fileName: Found | undefined = undefined;
	content: Found | undefined = undefined;
	candidateId: Found | undefined = undefined;
	placementId: Found | undefined = undefined;
	attachmentId: Found | undefined = undefined;
}


const SLOT_ID = slotOf('id');
const SLOT_CANDIDATE_ID = slotOf('candidateid');
const SLOT_EMPLOYEE_ID = slotOf('employeeid');
const SLOT_JOB_ID = slotOf('jobid');
const SLOT_PLACEMENT_ID = slotOf('placementid');
const SLOT_START_DATE = slotOf('startdate');
const SLOT_END_DATE = slotOf('enddate');
const SLOT_EMAIL = slotOf('email');

/** Marker key → the parts it marks, as bits. */
const MARKED_BITS = new Map<string, number>();
for (const part of PARTS) {
	for (const marker of MARKERS[part]) {
		slotOf(marker);
		MARKED_BITS.set(marker, (MARKED_BITS.get(marker) ?? 0) | PART_BIT[part]);
	}
}

/**
 * The row being read, by slot: the row has a non-blank value for slot `s` only while `slotStamp[s] === stamp`
 * (a new stamp per row empties it without clearing); `slotValue[s]` is that value (trimmed) and `slotKey[s]` the
 * key it came under. Its Found is made when a rule takes it (most keys of a row feed one field; some none), once
 * per row (`foundStamp`, `slotFound`), so every rule taking it gets the same object. readRecord runs to its end
 * without calling out, so one scratch set serves every row.
 */
const slotStamp = new Int32Array(SLOTS.size);
const slotValue: unknown[] = new Array<unknown>(SLOTS.size).fill(undefined);
const slotKey: (KeyInfo | undefined)[] = new Array<KeyInfo | undefined>(SLOTS.size).fill(undefined);
const foundStamp = new Int32Array(SLOTS.size);
const slotFound: (Found | undefined)[] = new Array<Found | undefined>(SLOTS.size).fill(undefined);
let stamp = 0;
/** The nesting prefix of the row being read (`candidate.`, `data[0].`, '' for none). */
let rowPrefix = '';

function nextStamp(): number {
	if (stamp === 0x7fffffff) {
		slotStamp.fill(0);
		foundStamp.fill(0);
		stamp = 0;
	}
	return ++stamp;
}

/** The current row's Found for a slot it has. */
function foundAt(slot: number): Found {
	if (foundStamp[slot] === stamp) return slotFound[slot] as Found;
	const found: Found = { value: slotValue[slot], field: fieldName(slotKey[slot] as KeyInfo, rowPrefix) };
	foundStamp[slot] = stamp;
	slotFound[slot] = found;
	return found;
}

/** The current row's value in the first of `slots` it has, or undefined. */
function firstSlot(slots: readonly number[]): Found | undefined {
	for (let index = 0; index < slots.length; index++) {
		const slot = slots[index];
		if (slotStamp[slot] === stamp) return foundAt(slot);
	}
	return undefined;
}

/** The current row's value under one slot, or undefined. */
function atSlot(slot: number): Found | undefined {
	return slotStamp[slot] === stamp ? foundAt(slot) : undefined;
}

/**
 * Key facts, remembered: every key of every row is compacted, and a run sees the same few hundred keys over
 * and over. Bounded (emptied when full) because keys are data: a feed with generated key names must not grow it
 * for ever.
 */
const keyInfos = new Map<string, KeyInfo>();
const COMPACTED_LIMIT = 10_000;

/** A key compacted, the traits of it that decide a row's shape (see rowShape), its slot and the parts it marks. */
interface KeyInfo {
	key: string;
	compact: string;
	traits: number;
	/** Index in the slot arrays, or -1 for a key no rule looks for by name. */
	slot: number;
	/** PART_BIT of each part this key is a marker of. */
	marks: number;
	/**
	 * The last two nesting prefixes the key was named with, and `prefix + key` for each: a key sits under one or
	 * two prefixes in a run (`candidate.ID` and `job.ID` in nested placements).
	 */
	prefix: string;
	field: string;
	otherPrefix: string;
	otherField: string;
}

/** `prefix + key`, the name a Found gives: the key as the user sees it in the item. */
function fieldName(info: KeyInfo, prefix: string): string {
	if (prefix === '') return info.key;
	if (info.prefix === prefix) return info.field;
	if (info.otherPrefix !== prefix) {
		info.otherField = prefix + info.key;
		info.otherPrefix = prefix;
	}
	// the latest first
	const field = info.otherField;
	info.otherPrefix = info.prefix;
	info.otherField = info.field;
	info.prefix = prefix;
	info.field = field;
	return field;
}

/** What rowShape needs to know of one key, as bits. */
const HAS_SPACE = 1;
const HAS_LETTER = 2;
/** Letters, not all upper case. */
const LOWER_LETTERS = 4;

function keyInfo(key: string): KeyInfo {
	let info = keyInfos.get(key);
	if (info === undefined) {
		const compact = compactKeyOf(key);
		const letters = /[a-zA-Z]/.test(key);
		info = {
			key,
			compact,
			traits: (key.trim().includes(' ') ? HAS_SPACE : 0) | (letters ? HAS_LETTER : 0) | (letters && key !== key.toUpperCase() ? LOWER_LETTERS : 0),
			slot: SLOTS.get(compact) ?? -1,
			marks: MARKED_BITS.get(compact) ?? 0,
			prefix: '',
			field: key,
			otherPrefix: '',
			otherField: key,
		};
		if (keyInfos.size >= COMPACTED_LIMIT) keyInfos.clear();
		keyInfos.set(key, info);
	}
	return info;
}

export function compactKey(key: string): string {
	return keyInfo(key).compact;
}

/** A row's shape from its keys' traits: searchStart keys have spaces; BI keys with letters are all upper case. */
function rowShape(traits: number): Shape {
	if (traits & HAS_SPACE) return 'searchStart';
	return traits & HAS_LETTER && !(traits & LOWER_LETTERS) ? 'bi' : 'camelCase';
}

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

/**
 * Each part's Fields with nothing set, shared (frozen) by every item that has nothing for that part: most items
 * have three parts or fewer, so most of their six Fields objects need not be made.
 */
const UNSET: readonly Fields[] = [new CandidateFields(), new JobFields(), new PlacementFields(), new TimesheetFields(), new InvoiceFields(), new AttachmentFields()].map(
	(fields) => Object.freeze(fields),
);

/** A part's Fields by part index (PARTS order). */
function fieldsOf(out: LazyNormalised, index: number): Fields {
	switch (index) {
		case 0:
			return out.candidate;
		case 1:
			return out.job;
		case 2:
			return out.placement;
		case 3:
			return out.timesheet;
		case 4:
			return out.invoice;
		default:
			return out.attachment;
	}
}

/** A part's Fields to set a field in: its own, made on first use in place of the shared unset one. */
function fieldsToSet(out: LazyNormalised, index: number): Fields {
	const fields = fieldsOf(out, index);
	if (fields !== UNSET[index]) return fields;
	switch (index) {
		case 0:
			return (out.candidate = new CandidateFields());
		case 1:
			return (out.job = new JobFields());
		case 2:
			return (out.placement = new PlacementFields());
		case 3:
			return (out.timesheet = new TimesheetFields());
		case 4:
			return (out.invoice = new InvoiceFields());
		default:
			return (out.attachment = new AttachmentFields());
	}
}

/**
 * A Normalised whose `raw` map is built on first use: only the Skip List and Contractor Evidence rules read it,
 * and filling it for every leaf of every item was the largest part of normalising. It is built from the rows
 * readRecord read, in the same order and with the same blank and key rules, so it holds exactly what filling it
 * eagerly did (a key repeated in a row, e.g. `JOBID` and `jobId`, adds nothing: its first value is already there).
 */
class LazyNormalised implements Normalised {
	shapes: Shape[] = [];
	recognised: Part[] = [];
	/** The parts recognised so far, as PART_BIT bits (turned into `recognised` at the end, in PARTS order). */
	recognisedBits = 0;
	webhook?: { type: string; operation: string; id: string } = undefined;
	// a part's Fields is the shared unset one until readRecord sets a field of it (see fieldsToSet)
	candidate: Fields = UNSET[0];
	job: Fields = UNSET[1];
	placement: Fields = UNSET[2];
	timesheet: Fields = UNSET[3];
	invoice: Fields = UNSET[4];
	attachment: Fields = UNSET[5];
	notes: string[] = [];
	/** Each row read, as two entries: the row and its nesting prefix. */
	readonly rows: unknown[] = [];
	private rawMap?: Map<string, Found> = undefined;

	get raw(): Map<string, Found> {
		if (!this.rawMap) {
			const raw = new Map<string, Found>();
			const rows = this.rows;
			for (let index = 0; index < rows.length; index += 2) {
				const row = rows[index] as Record<string, unknown>;
				const prefix = rows[index + 1] as string;
				// compactKey(prefix + key) is compactKey(prefix) + compactKey(key): lower-casing is per character (the
				// one context rule, final sigma, gives a non-ASCII letter either way, and those are dropped).
				const compactPrefix = prefix === '' ? '' : compactKey(prefix);
				for (const key of Object.keys(row)) {
					const value = nonBlank(row[key]);
					if (value === undefined) continue;
					const compacted = keyInfo(key).compact;
					if (compacted === '') continue;
					const withPrefix = compactPrefix === '' ? undefined : prefixedKey(compactPrefix, compacted);
					if (raw.has(compacted) && (withPrefix === undefined || raw.has(withPrefix))) continue;
					const found: Found = { value, field: `${prefix}${key}` };
					if (!raw.has(compacted)) raw.set(compacted, found);
					if (withPrefix !== undefined && !raw.has(withPrefix)) raw.set(withPrefix, found);
				}
			}
			this.rawMap = raw;
		}
		return this.rawMap;
	}
}

/**
 * Reads one n8n item's JSON into the internal shape. Never throws: anything it cannot read is left out and
 * the mapping rules decide whether that is an error (they name the missing field).
 */
export function normalise(input: unknown): Normalised {
	const out = new LazyNormalised();
	if (!isPlainObject(input)) {
		out.notes.push(`The item is ${Array.isArray(input) ? 'an array' : typeof input}, not a JobDiva record.`);
		return out;
	}
	let nestedKeys: string[] | undefined;
	if (enumeratesOwnKeysOnly(input)) {
		for (const key in input) if (isPartName(key) && isPlainObject(input[key])) (nestedKeys ??= []).push(key);
	} else {
		for (const key of Object.keys(input)) if (isPartName(key) && isPlainObject(input[key])) (nestedKeys ??= []).push(key);
	}
	if (nestedKeys !== undefined) {
		out.shapes.push('nested');
		for (const key of nestedKeys) readRecord(out, input[key] as Record<string, unknown>, key as Part, PREFIXES.get(key) as string);
		// Flat keys beside the nested objects (e.g. a placementId next to `candidate: {...}`) are read too.
		const rest = flatKeys(input, Object.keys(input), nestedKeys);
		if (rest) readRecord(out, rest, undefined, '');
	} else {
		readRecord(out, input, undefined, '');
	}
	// each shape once, in the order first seen
	const shapes = out.shapes;
	if (shapes.length > 1) {
		const unique: Shape[] = [];
		for (const shape of shapes) if (!unique.includes(shape)) unique.push(shape);
		out.shapes = unique;
	}
	const bits = out.recognisedBits;
	const recognised: Part[] = [];
	for (let index = 0; index < PARTS.length; index++) if (bits & (1 << index)) recognised.push(PARTS[index]);
	out.recognised = recognised;
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

/**
 * True when `for…in` visits exactly the object's own enumerable string keys, in Object.keys order: a plain object
 * (or one without a prototype) while Object.prototype has no enumerable key. `for…in` reads values far faster than
 * indexing by the keys of Object.keys, so the hot loops use it when it is the same walk.
 */
function enumeratesOwnKeysOnly(object: object): boolean {
	const prototype: unknown = Object.getPrototypeOf(object);
	return prototype === null || (prototype === Object.prototype && Object.keys(Object.prototype).length === 0);
}

/** The value as readRecord keeps it (strings trimmed), or undefined when it is blank (see isBlank). */
function nonBlank(value: unknown): unknown {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') {
		const trimmed = trimText(value);
		return trimmed === '' || (trimmed.length === 4 && trimmed.toLowerCase() === 'null') ? undefined : trimmed;
	}
	return value;
}

function isPartName(key: string): boolean {
	switch (key) {
		case 'candidate':
		case 'job':
		case 'placement':
		case 'timesheet':
		case 'invoice':
		case 'attachment':
			return true;
		default:
			return false;
	}
}

/** The nesting prefixes, made once: `candidate.`, …; `data[0].` after each. */
const PREFIXES = new Map<string, string>(PARTS.map((part) => [part, `${part}.`]));
const DATA_PREFIXES = new Map<string, string>([['', 'data[0].'], ...PARTS.map((part): [string, string] => [`${part}.`, `${part}.data[0].`])]);

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
			prefix = DATA_PREFIXES.get(prefix) ?? `${prefix}data[0].`;
			if (data.length > 1) {
				out.notes.push(`The webhook's data held ${data.length} rows; only the first was mapped. Split them into items first (Split Out node).`);
			}
		} else {
			out.notes.push(`The webhook (${operation}) has no data row${operation.toLowerCase() === 'delete' ? ': JobDiva sends none on Delete' : ''}.`);
			if (part) out.recognisedBits |= PART_BIT[part];
			if (part && webhookId) {
				const target = fieldsToSet(out, PARTS.indexOf(part));
				const idKey = part === 'attachment' ? 'attachmentId' : 'id';
				target[idKey] = target[idKey] ?? webhookId;
			}
			return;
		}
	} else if (Array.isArray(record.data) && record.data.length > 0 && isPlainObject(record.data[0]) && Object.keys(record).every((k) => k === 'data' || k === 'message')) {
		// A BI response `{message, data: [row]}` passed through unchanged.
		row = record.data[0];
		prefix = DATA_PREFIXES.get(prefix) ?? `${prefix}data[0].`;
		if (record.data.length > 1) out.notes.push(`The BI response held ${record.data.length} rows; only the first was mapped. Split them into items first.`);
	}

	const rowStamp = nextStamp();
	rowPrefix = prefix;
	rowTraits = 0;
	rowMarks = 0;
	let keyCount = 0;
	if (enumeratesOwnKeysOnly(row)) {
		for (const key in row) {
			keyCount++;
			readKey(key, row[key], rowStamp);
		}
	} else {
		for (const key of Object.keys(row)) {
			keyCount++;
			readKey(key, row[key], rowStamp);
		}
	}
	if (keyCount === 0) return;
	out.rows.push(row, prefix);
	out.shapes.push(rowShape(rowTraits));

	// A nested object or a webhook says what it is; a bare row is recognised by its marker keys. References to
	// other objects (a placement row's CANDIDATEID) are read below either way.
	// A webhook's type is authoritative: a `contact` row has FIRSTNAME/EMAIL but is a client contact, not a candidate.
	const parts = part ? PART_BIT[part] : isWebhook ? 0 : detectParts(rowMarks);
	out.recognisedBits |= parts;

	// Part-specific fields are read into each part this row is; the first row to supply a field wins.
	for (let index = 0; index < PARTS.length; index++) {
		if (!(parts & (1 << index))) continue;
		let fields = fieldsOf(out, index);
		const { names, slots } = SPECIFIC_SLOTS[index];
		for (let name = 0; name < names.length; name++) {
			if (fields[names[name]]) continue;
			const hit = firstSlot(slots[name]);
			if (!hit) continue;
			fields = fieldsToSet(out, index);
			fields[names[name]] = hit;
		}
	}
	for (const generic of GENERIC_SLOTS) {
		const owners = generic.owners;
		let owner = -1;
		for (let index = 0; index < owners.length; index++) {
			if (parts & (1 << owners[index])) {
				owner = owners[index];
				break;
			}
		}
		if (owner < 0) continue;
		const hit = firstSlot(generic.slots);
		if (!hit) continue;
		const key = generic.key;
		if (!fieldsOf(out, owner)[key]) fieldsToSet(out, owner)[key] = hit;
		if (generic.shared) {
			for (const other of owners) if (parts & (1 << other) && !fieldsOf(out, other)[key]) fieldsToSet(out, other)[key] = hit;
		}
	}
	// The bare `ID` key belongs to the most specific object in the row; a webhook's `id` likewise.
	let idOwner = -1;
	for (let index = 0; index < ID_OWNERS.length; index++) {
		if (parts & (1 << ID_OWNERS[index])) {
			idOwner = ID_OWNERS[index];
			break;
		}
	}
	const bareId = idOwner < 0 ? undefined : (atSlot(SLOT_ID) ?? webhookId);
	if (bareId) {
		const idKey = PARTS[idOwner] === 'attachment' ? 'attachmentId' : 'id';
		if (!fieldsOf(out, idOwner)[idKey]) fieldsToSet(out, idOwner)[idKey] = bareId;
	}
	// References: a row about one object that names another (JOBID on a candidate-less placement row) lets
	// later rules fill that object's ID.
	if (!out.candidate.id && !(parts & PART_BIT.candidate)) {
		const candidateRef = atSlot(SLOT_CANDIDATE_ID) ?? atSlot(SLOT_EMPLOYEE_ID);
		if (candidateRef) fieldsToSet(out, 0).id = candidateRef;
	}
	if (!out.job.id && !(parts & PART_BIT.job)) {
		const jobRef = atSlot(SLOT_JOB_ID);
		if (jobRef) fieldsToSet(out, 1).id = jobRef;
	}
	if (!out.placement.id && !(parts & PART_BIT.placement)) {
		const placementRef = atSlot(SLOT_PLACEMENT_ID);
		if (placementRef) fieldsToSet(out, 2).id = placementRef;
	}
}

/** The traits and marker bits of the row being read, gathered by readKey. */
let rowTraits = 0;
let rowMarks = 0;

/**
 * One key of the row being read: its traits count for the row's shape; a key a rule looks for keeps its first
 * non-blank value (trimmed) in its slot (a key repeated under another spelling, `JOBID` and `jobId`, keeps the first).
 * Keys no rule looks for by name are not kept: the raw map reads the row again.
 */
function readKey(key: string, rowValue: unknown, rowStamp: number): void {
	const info = keyInfo(key);
	rowTraits |= info.traits;
	const slot = info.slot;
	if (slot < 0 || slotStamp[slot] === rowStamp) return;
	let value = rowValue;
	// isBlank, with the trimmed string kept for the value
	if (value === undefined || value === null) return;
	if (typeof value === 'string') {
		value = trimText(value);
		if (value === '' || ((value as string).length === 4 && (value as string).toLowerCase() === 'null')) return;
	}
	slotStamp[slot] = rowStamp;
	slotValue[slot] = value;
	slotKey[slot] = info;
	rowMarks |= info.marks;
}

/** True when the row being read has a value for the slot. */
function has(slot: number): boolean {
	return slotStamp[slot] === stamp;
}

/** The parts a bare row is, as bits, from its marker keys (`marks`) and the keys it has. */
function detectParts(marks: number): number {
	let parts = marks;
	// A searchStart record or a guide-style placement: candidate and job references plus a start date.
	if (!(parts & PART_BIT.placement) && has(SLOT_CANDIDATE_ID) && has(SLOT_JOB_ID) && (has(SLOT_START_DATE) || has(SLOT_END_DATE))) {
		parts |= PART_BIT.placement;
	}
	// `candidate email` / `email` with a candidate id is enough to build a contractor from a searchStart record.
	if (!(parts & PART_BIT.candidate) && has(SLOT_EMAIL) && !(parts & PART_BIT.job)) parts |= PART_BIT.candidate;
	if (parts & PART_BIT.timesheet && parts & PART_BIT.invoice) parts &= ~PART_BIT.timesheet;
	return parts;
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
	if (typeof value === 'string') return trimText(value);
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return undefined;
}
