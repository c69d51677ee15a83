import type { FieldSpec } from './fields';
import { toUnixSeconds } from './dates';
import { toCentsInRange, type MoneyUnit } from './money';
import { RESOURCES, resourceForId } from './resources';
import { parseJsonObject } from '../util/bounds';
import { ValueError } from '../util/valueError';
import { attempt } from '../util/attempt';

export interface ConvertOptions {
	moneyUnit: MoneyUnit;
	/** IANA zone for ISO dates without an offset. */
	zone: string;
}

const ADDRESS_KEYS = ['line1', 'line2', 'locality', 'region', 'postalcode', 'country'] as const;

/** True for the values that mean "not given": undefined, null, '' and whitespace. */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Converts one field value to its wire form, or throws a ValueError naming `path` and the fix. */
export function convertField(spec: FieldSpec, value: unknown, path: string, options: ConvertOptions): unknown {
	switch (spec.kind) {
		case 'string':
		case 'categoryCode':
			return asText(value, path);
		case 'email': {
			const text = asText(value, path);
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
				throw new ValueError(path, value, 'is not an email address', 'Enter an address like name@example.com; 1099Policy requires a unique email per contractor.');
			}
			return text;
		}
		case 'url': {
			const text = asText(value, path);
			const parsed = attempt(() => new URL(text));
			if (!parsed.ok) throw new ValueError(path, value, 'is not a URL', 'Enter a full URL starting with https://.');
			const url = parsed.value;
			if (url.protocol !== 'https:' && url.protocol !== 'http:') {
				throw new ValueError(path, value, 'is not an http(s) URL', 'Enter a URL starting with https://.');
			}
			return text;
		}
		case 'integer': {
			const number = typeof value === 'string' ? Number(value.trim()) : value;
			if (typeof number !== 'number' || !Number.isInteger(number)) {
				throw new ValueError(path, value, 'is not a whole number', 'Enter a whole number.');
			}
			if (spec.min !== undefined && number < spec.min) throw new ValueError(path, value, `is below ${spec.min}`, `Enter ${spec.min} or more.`);
			if (spec.max !== undefined && number > spec.max) throw new ValueError(path, value, `is above ${spec.max}`, `Enter ${spec.max} or less.`);
			return number;
		}
		case 'boolean':
		case 'expand':
			return asBoolean(value, path);
		case 'money':
			return toCentsInRange(value, options.moneyUnit, path, spec.min ?? 1, spec.max ?? Number.MAX_SAFE_INTEGER);
		case 'timestamp':
			return toUnixSeconds(value, path, options.zone);
		case 'enum': {
			const text = asText(value, path);
			if (!spec.options?.includes(text)) {
				throw new ValueError(path, value, 'is not one of the allowed values', `Use one of: ${spec.options?.join(', ')}.`);
			}
			return text;
		}
		case 'enumList':
			return asEnumList(spec, value, path);
		case 'metadata':
			return asMetadata(value, path);
		case 'address':
			return asAddress(value, path);
		case 'object':
			return asObject(spec, value, path, options);
		case 'id':
			return asId(spec, value, path);
		case 'file':
			throw new ValueError(path, value, 'is a file field', 'Files are sent by the multipart builder, not as JSON.');
	}
}

function asText(value: unknown, path: string): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new ValueError(path, value, 'is not text', 'Enter a text value.');
}

function asBoolean(value: unknown, path: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 1 || value === '1') return true;
	if (value === 'false' || value === 0 || value === '0') return false;
	throw new ValueError(path, value, 'is not true or false', 'Enter true or false.');
}

function asEnumList(spec: FieldSpec, value: unknown, path: string): string[] {
	const items = typeof value === 'string' ? value.split(',') : value;
	if (!Array.isArray(items)) throw new ValueError(path, value, 'is not a list', `Give a list of: ${spec.options?.join(', ')}.`);
	const result: string[] = [];
	for (const item of items) {
		const text = typeof item === 'string' ? item.trim() : item;
		if (text === '') continue;
		if (typeof text !== 'string' || !(spec.options ?? []).includes(text)) {
			throw new ValueError(path, item, 'contains a value that is not allowed', `Use only: ${spec.options?.join(', ')}.`);
		}
		if (!result.includes(text)) result.push(text);
	}
	if (result.length === 0) throw new ValueError(path, value, 'is empty', `Choose at least one of: ${spec.options?.join(', ')}.`);
	return result;
}

function asMetadata(value: unknown, path: string): Record<string, string> {
	const source = parseJsonObject(value, path);
	const result: Record<string, string> = {};
	for (const [key, item] of Object.entries(source)) {
		if (key.trim() === '') throw new ValueError(`${path}`, source, 'has an empty key', 'Give every metadata entry a key.');
		if (item !== null && typeof item === 'object') {
			throw new ValueError(`${path}.${key}`, item, 'is not a plain value', 'Metadata values must be text or numbers.');
		}
		result[key] = item === null || item === undefined ? '' : String(item);
	}
	return result;
}

function asAddress(value: unknown, path: string): Record<string, string> {
	const source = parseJsonObject(value, path);
	const result: Record<string, string> = {};
	for (const [key, item] of Object.entries(source)) {
		if (!(ADDRESS_KEYS as readonly string[]).includes(key)) {
			throw new ValueError(`${path}.${key}`, item, 'is not an address field', `Use only: ${ADDRESS_KEYS.join(', ')}.`);
		}
		if (isBlank(item)) continue;
		result[key] = asText(item, `${path}.${key}`);
	}
	if (result.region !== undefined) {
		if (!/^[A-Za-z]{2}$/.test(result.region)) {
			throw new ValueError(`${path}.region`, result.region, 'is not a 2-letter state code', 'Enter a code such as CA or NY.');
		}
		result.region = result.region.toUpperCase();
	}
	if (result.country !== undefined) result.country = result.country.toUpperCase();
	return result;
}

function asObject(spec: FieldSpec, value: unknown, path: string, options: ConvertOptions): Record<string, unknown> {
	const source = parseJsonObject(value, path);
	const children = spec.children ?? {};
	const result: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(source)) {
		const child = children[key];
		if (!child) throw new ValueError(`${path}.${key}`, item, 'is not a known field', `Use only: ${Object.keys(children).join(', ')}.`);
		if (isBlank(item)) continue;
		result[key] = convertField(child, item, `${path}.${key}`, options);
	}
	return result;
}

function asId(spec: FieldSpec, value: unknown, path: string): string {
	const id = asResourceLocatorValue(value, path);
	const expected = spec.ref ? (RESOURCES as Record<string, { idPrefix: string; displayName: string }>)[spec.ref] : undefined;
	const actual = resourceForId(id);
	// Only refuse an ID that clearly belongs to another resource; unknown prefixes pass, in case 1099Policy adds some.
	if (expected && actual && !id.startsWith(expected.idPrefix)) {
		throw new ValueError(
			path,
			id,
			`is a ${RESOURCES[actual].displayName} ID (${RESOURCES[actual].idPrefix}…), not a ${expected.displayName} ID (${expected.idPrefix}…)`,
			`Pass the ${expected.displayName.toLowerCase()}'s ID; check which earlier node the expression reads from.`,
		);
	}
	return id;
}

/** Accepts a plain ID string or an n8n resource-locator value `{mode, value}`. */
export function asResourceLocatorValue(value: unknown, path: string): string {
	const raw = value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
	if (typeof raw !== 'string' || raw.trim() === '') {
		throw new ValueError(path, raw, 'is empty', 'Select an object from the list or enter its ID.');
	}
	return raw.trim();
}
