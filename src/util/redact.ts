import { parseBody, type Transport } from '../ten99policy/transport';

/**
 * The one place secrets are taken out of what servers send back. A hostile or careless server can echo the request
 * (its `Authorization` header, the login body) in an error text, in any encoding; every secret of the credential in
 * use is replaced by `***` in every form below, before any of it is parsed, cut to a length limit, put in an error,
 * an output item or a log line.
 */

export const REDACTED = '***';
/** Shorter secrets cannot be told from ordinary text; credentials never are this short. */
const MIN_SECRET = 4;
/** A secret's prefix this long at the very end of a text (a server's own cut) is removed too. */
const MIN_PREFIX = 6;

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const ENCODINGS: Array<(text: string) => string> = [
	(text) => JSON.stringify(text).slice(1, -1),
	(text) => encodeURIComponent(text),
	(text) => new URLSearchParams({ s: text }).toString().slice(2),
	(text) => text.replace(/[&<>"']/g, (c) => HTML[c]),
	(text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
	(text) => text.replace(/[&<>"']/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`),
];

/**
 * A secret as servers echo it: raw, JSON-escaped, URL-encoded (both ways), HTML-escaped (named and numeric), and
 * each of those encoded once more (a JSON request body echoed URL-encoded, or inside a JSON-escaped string).
 */
export function secretForms(secret: string): string[] {
	const once = [secret, ...ENCODINGS.map((encode) => encode(secret))];
	return [...new Set([...once, ...once.flatMap((form) => ENCODINGS.map((encode) => encode(form)))])];
}

export class Redactor {
	private readonly forms: string[];

	constructor(secrets: ReadonlyArray<string | undefined | null>) {
		const usable = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET);
		// Longest first, so a form containing another is replaced whole.
		this.forms = [...new Set(usable.flatMap(secretForms))].sort((a, b) => b.length - a.length);
	}

	get empty(): boolean {
		return this.forms.length === 0;
	}

	text(value: string): string {
		let out = value;
		for (const form of this.forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
		// A server that cut its own echo leaves a secret's start at the end of the text (maybe before an ellipsis).
		let end = out.trimEnd().length;
		for (const ellipsis of ['…', '...']) if (out.endsWith(ellipsis, end)) end -= ellipsis.length;
		for (const form of this.forms) {
			const window = out.slice(Math.max(0, end - form.length + 1), end);
			for (let at = window.indexOf(form.slice(0, MIN_PREFIX)); at >= 0; at = window.indexOf(form.slice(0, MIN_PREFIX), at + 1)) {
				if (form.startsWith(window.slice(at))) return `${out.slice(0, end - window.length + at)}${REDACTED}${out.slice(end)}`;
			}
		}
		return out;
	}

	/**
	 * Every string reachable from `value` redacted: plain data is copied; errors (and other objects with a prototype)
	 * are changed in place, own properties, message and stack included, so their class and fields stay as they were.
	 */
	deep<T>(value: T): T {
		if (this.empty) return value;
		const seen = new Map<object, unknown>();
		const walk = (current: unknown, depth: number): unknown => {
			if (typeof current === 'string') return this.text(current);
			if (!current || typeof current !== 'object' || depth > 64) return current;
			if (seen.has(current)) return seen.get(current);
			if (Buffer.isBuffer(current)) return current;
			if (Array.isArray(current)) {
				const copy: unknown[] = [];
				seen.set(current, copy);
				for (const item of current) copy.push(walk(item, depth + 1));
				return copy;
			}
			const proto = Object.getPrototypeOf(current) as unknown;
			if (proto === Object.prototype || proto === null) {
				const copy: Record<string, unknown> = {};
				seen.set(current, copy);
				for (const [key, item] of Object.entries(current)) copy[key] = walk(item, depth + 1);
				return copy;
			}
			seen.set(current, current);
			const target = current as Record<string, unknown>;
			for (const key of new Set([...Object.getOwnPropertyNames(current), ...(current instanceof Error ? ['message', 'stack'] : [])])) {
				try {
					const before = target[key];
					const after = walk(before, depth + 1);
					if (after !== before) target[key] = after;
				} catch {
					// A read-only or throwing property: leave it.
				}
			}
			return current;
		};
		return walk(value, 0) as T;
	}
}

/**
 * A transport whose answers (bodies, parsed when JSON, and headers, every status) and failures come back with the
 * secrets taken out.
 * `secrets` is asked after each request, so a session token obtained during it is covered too.
 */
export function redactingTransport(transport: Transport, secrets: () => ReadonlyArray<string | undefined> | Promise<ReadonlyArray<string | undefined>>): Transport {
	return async (request) => {
		let response;
		try {
			response = await transport(request);
		} catch (error) {
			throw new Redactor(await secrets()).deep(error);
		}
		const redactor = new Redactor(await secrets());
		// Parsed first: a JSON text holds its strings escaped once more than the client will see them.
		return { status: response.status, headers: redactor.deep(response.headers), body: redactor.deep(parseBody(response.body)) };
	};
}
