import { invalidInput } from './errors';
import type { Json } from './types';

export const COVERAGE_TYPES = ['general', 'professional', 'workers-comp', 'media', 'cyber'] as const;
export const WAGE_TYPES = ['flatfee', 'hourly', 'unit', 'blended'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const REGION = /^[A-Za-z]{2}$/;

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Collects field errors for one request body so the 400 names every bad field at once, as
 * `{"message": {"email": "is required", "wage": "must be an integer from 100 to 100000000"}, "error_code": "invalid_input"}`.
 * Each reader returns the value to store (or `undefined` when absent or invalid).
 */
export class FieldChecker {
	readonly errors: Record<string, string> = {};

	constructor(
		readonly body: Json,
		/** On update every field is optional; `required` only applies to creates. */
		readonly partial = false,
	) {}

	fail(field: string, reason: string): undefined {
		if (!(field in this.errors)) this.errors[field] = reason;
		return undefined;
	}

	private absent(field: string, required: boolean): boolean {
		if (!isBlank(this.body[field])) return false;
		if (required && !this.partial) this.fail(field, 'is required');
		return true;
	}

	string(field: string, required = false): string | undefined {
		if (this.absent(field, required)) return undefined;
		const value = this.body[field];
		if (typeof value !== 'string') return this.fail(field, 'must be a string');
		return value.trim();
	}

	email(field: string, required = false): string | undefined {
		const value = this.string(field, required);
		if (value !== undefined && !EMAIL.test(value)) return this.fail(field, 'must be an email address');
		return value;
	}

	url(field: string, required = false): string | undefined {
		const value = this.string(field, required);
		if (value === undefined) return undefined;
		try {
			const url = new URL(value);
			if (url.protocol !== 'http:' && url.protocol !== 'https:') return this.fail(field, 'must be an http(s) URL');
		} catch {
			return this.fail(field, 'must be an http(s) URL');
		}
		return value;
	}

	/** An ID of another object, checked for its prefix (existence is the handler's job: 404 or a specific code). */
	id(field: string, prefix: string, required = false): string | undefined {
		const value = this.string(field, required);
		if (value !== undefined && !value.startsWith(prefix)) return this.fail(field, `must be an ID starting with ${prefix}`);
		return value;
	}

	integer(field: string, options: { required?: boolean; min?: number; max?: number; from?: Json; name?: string } = {}): number | undefined {
		const source = options.from ?? this.body;
		const name = options.name ?? field;
		const value = source[field];
		if (isBlank(value)) {
			if (options.required && !this.partial) this.fail(name, 'is required');
			return undefined;
		}
		// Digit strings are accepted: 1099Policy's own guide sends coverage limits as "200000000".
		const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
		const range =
			options.min !== undefined && options.max !== undefined
				? ` from ${options.min} to ${options.max}`
				: options.min !== undefined
					? ` of at least ${options.min}`
					: '';
		if (typeof number !== 'number' || !Number.isSafeInteger(number)) return this.fail(name, `must be an integer${range}`);
		if ((options.min !== undefined && number < options.min) || (options.max !== undefined && number > options.max)) {
			return this.fail(name, `must be an integer${range}`);
		}
		return number;
	}

	boolean(field: string): boolean | undefined {
		if (this.absent(field, false)) return undefined;
		const value = this.body[field];
		if (typeof value !== 'boolean') return this.fail(field, 'must be true or false');
		return value;
	}

	oneOf<T extends string>(field: string, options: readonly T[], required = false): T | undefined {
		const value = this.string(field, required);
		if (value === undefined) return undefined;
		if (!(options as readonly string[]).includes(value)) return this.fail(field, `must be one of ${options.join(', ')}`);
		return value as T;
	}

	/** A non-empty array of enum values, without duplicates. */
	list<T extends string>(field: string, options: readonly T[], required = false): T[] | undefined {
		const value = this.body[field];
		if (value === undefined || value === null) {
			if (required && !this.partial) this.fail(field, 'is required');
			return undefined;
		}
		if (!Array.isArray(value) || value.length === 0) return this.fail(field, `must be a non-empty array of ${options.join(', ')}`);
		const bad = value.filter((v) => typeof v !== 'string' || !(options as readonly string[]).includes(v));
		if (bad.length > 0) return this.fail(field, `has unknown values ${bad.map((b) => JSON.stringify(b)).join(', ')}; use ${options.join(', ')}`);
		return [...new Set(value as T[])];
	}

	/**
	 * `custom_metadata`: a flat object. Strings, numbers and booleans are stored as strings; an empty value unsets
	 * that key and `{}` unsets all keys (see `mergeMetadata`).
	 */
	metadata(field = 'custom_metadata'): Record<string, string | null> | undefined {
		const value = this.body[field];
		if (value === undefined) return undefined;
		if (value === null || typeof value !== 'object' || Array.isArray(value)) return this.fail(field, 'must be an object of strings');
		const out: Record<string, string | null> = {};
		for (const [key, item] of Object.entries(value as Json)) {
			if (item === null || item === '') out[key] = null;
			else if (['string', 'number', 'boolean'].includes(typeof item)) out[key] = String(item);
			else return this.fail(`${field}.${key}`, 'must be a string');
		}
		return out;
	}

	/**
	 * An address object. `required` lists members that must be present when an address is given; `region` is always
	 * checked to be a 2-letter state code when present.
	 */
	address(field: string, required: readonly string[]): Json | undefined {
		const value = this.body[field];
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'object' || Array.isArray(value)) return this.fail(field, 'must be an object');
		const address = value as Json;
		let ok = true;
		for (const member of required) {
			if (isBlank(address[member])) {
				this.fail(`${field}.${member}`, 'is required');
				ok = false;
			}
		}
		for (const member of ['line1', 'line2', 'locality', 'country']) {
			if (!isBlank(address[member]) && typeof address[member] !== 'string') {
				this.fail(`${field}.${member}`, 'must be a string');
				ok = false;
			}
		}
		const postal = address.postalcode;
		if (!isBlank(postal) && typeof postal !== 'string' && typeof postal !== 'number') {
			this.fail(`${field}.postalcode`, 'must be a string');
			ok = false;
		}
		if (!isBlank(address.region)) {
			if (typeof address.region !== 'string' || !REGION.test(address.region.trim())) {
				this.fail(`${field}.region`, 'must be a 2-letter state code');
				ok = false;
			}
		}
		if (!ok) return undefined;
		const out: Json = {};
		for (const member of ['line1', 'line2', 'locality', 'postalcode', 'region', 'country']) {
			if (address[member] !== undefined) out[member] = address[member];
		}
		if (typeof out.region === 'string') out.region = out.region.trim().toUpperCase();
		return out;
	}

	region(field: string): string | undefined {
		const value = this.string(field);
		if (value === undefined) return undefined;
		if (!REGION.test(value)) return this.fail(field, 'must be a 2-letter state code');
		return value.toUpperCase();
	}

	/** Throws the 400 `invalid_input` naming every bad field, if any. */
	done(): void {
		if (Object.keys(this.errors).length > 0) throw invalidInput(this.errors);
	}
}

/** Applies `custom_metadata` the way 1099Policy documents it: `{}` clears every key, an empty value unsets one key. */
export function mergeMetadata(current: unknown, update: Record<string, string | null> | undefined): Record<string, string> {
	const base = current && typeof current === 'object' ? { ...(current as Record<string, string>) } : {};
	if (update === undefined) return base;
	if (Object.keys(update).length === 0) return {};
	for (const [key, value] of Object.entries(update)) {
		if (value === null) delete base[key];
		else base[key] = value;
	}
	return base;
}

/** Copies only the keys whose value is not `undefined`. */
export function defined(values: Json): Json {
	return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
