import { parseBody, type Transport } from './transport';

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
/** How far `deep` walks: objects visited and levels below the value (answers are shallower; see `deep`). */
const MAX_OBJECTS = 5000;
const MAX_DEPTH = 12;

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
	/** Each secret's forms, behind the longest run of letters and digits they all contain (encodings keep those). */
	private readonly groups: Array<{ anchor: string; forms: string[] }>;
	/** Every form by its first MIN_PREFIX characters, to find a cut-off start at a text's end. */
	private readonly starts: Map<string, string[]>;

	constructor(secrets: ReadonlyArray<string | undefined | null>) {
		const usable = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET))];
		this.groups = usable.map((secret) => ({
			anchor: (secret.match(/[A-Za-z0-9]{4,}/g) ?? []).sort((a, b) => b.length - a.length)[0] ?? '',
			// Longest first, so a form containing another is replaced whole.
			forms: secretForms(secret).sort((a, b) => b.length - a.length),
		}));
		this.starts = new Map();
		for (const form of this.groups.flatMap((group) => group.forms)) {
			if (form.length <= MIN_PREFIX) continue;
			const start = form.slice(0, MIN_PREFIX);
			this.starts.set(start, [...(this.starts.get(start) ?? []), form]);
		}
	}

	get empty(): boolean {
		return this.groups.length === 0;
	}

	text(value: string): string {
		let out = value;
		for (const { anchor, forms } of this.groups) {
			if (anchor && !out.includes(anchor)) continue;
			for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
		}
		// A server that cut its own echo leaves a secret's start at the end of the text (maybe before an ellipsis).
		let end = out.trimEnd().length;
		for (const ellipsis of ['…', '...']) if (out.endsWith(ellipsis, end)) end -= ellipsis.length;
		for (const [start, forms] of this.starts) {
			for (let at = out.lastIndexOf(start, end - MIN_PREFIX); at >= 0; at = out.lastIndexOf(start, at - 1)) {
				const tail = out.slice(at, end);
				if (forms.some((form) => form.length > tail.length && form.startsWith(tail))) {
					return `${out.slice(0, at)}${REDACTED}${out.slice(end)}`;
				}
				if (at === 0 || end - at > 2000) break;
			}
		}
		return out;
	}

	/**
	 * Every string reachable from `value` redacted, in place (answers are fresh objects; errors keep their class and
	 * fields): own properties, and an error's message and stack. A string on its own comes back redacted.
	 */
	deep<T>(value: T): T {
		if (this.empty) return value;
		if (typeof value === 'string') return this.text(value) as T;
		// Breadth first and bounded: an HTTP library's error reaches sockets and agents, thousands of objects deep, while
		// what a server sent (message, response data, request headers) sits within a few levels.
		const seen = new Set<object>();
		const queue: Array<{ item: unknown; depth: number }> = [{ item: value, depth: 0 }];
		for (let next = 0; next < queue.length && next < MAX_OBJECTS; next++) {
			const { item: current, depth } = queue[next];
			if (!current || typeof current !== 'object' || seen.has(current) || Buffer.isBuffer(current)) continue;
			seen.add(current);
			const target = current as Record<string, unknown>;
			const keys = Array.isArray(current) ? current.keys() : Object.getOwnPropertyNames(current);
			for (const key of current instanceof Error ? [...keys, 'message', 'stack'] : keys) {
				try {
					const item = target[key];
					if (typeof item === 'string') {
						const redacted = this.text(item);
						if (redacted !== item) target[key] = redacted;
					} else if (item && typeof item === 'object' && depth < MAX_DEPTH) queue.push({ item, depth: depth + 1 });
				} catch {
					// A read-only or throwing property: leave it.
				}
			}
		}
		return value;
	}
}

/**
 * A transport whose answers (bodies, parsed when JSON, and headers, every status) and failures come back with the
 * secrets taken out.
 * `secrets` is asked after each request, so a session token obtained during it is covered too.
 */
export function redactingTransport(transport: Transport, secrets: () => ReadonlyArray<string | undefined> | Promise<ReadonlyArray<string | undefined>>): Transport {
	// Building the forms costs more than using them: keep the redactor while the secrets stay the same.
	let cached: { key: string; redactor: Redactor } | undefined;
	const redactor = async () => {
		const current = await secrets();
		const key = JSON.stringify(current);
		if (cached?.key !== key) cached = { key, redactor: new Redactor(current) };
		return cached.redactor;
	};
	return async (request) => {
		let response;
		try {
			response = await transport(request);
		} catch (error) {
			throw (await redactor()).deep(error);
		}
		const redact = await redactor();
		// Parsed first: a JSON text holds its strings escaped once more than the client will see them.
		return { status: response.status, headers: redact.deep(response.headers), body: redact.deep(parseBody(response.body)) };
	};
}
