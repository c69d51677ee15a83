import { notFound } from './errors';
import { COLLECTIONS, type ApiObject, type CollectionName, type SandboxState } from './types';

interface Entry {
	object: ApiObject;
	/** Creation sequence across the whole sandbox: breaks ties between objects created in the same second. */
	seq: number;
}

/** One collection of API objects, kept in creation order. */
export class Collection {
	private readonly entries = new Map<string, Entry>();
	/** Newest first, kept until the collection changes: a list request then pages without sorting everything again. */
	private sorted: Entry[] | undefined;

	constructor(readonly noun: string) {}

	insert(object: ApiObject, seq: number): ApiObject {
		this.sorted = undefined;
		this.entries.set(object.id, { object, seq });
		return object;
	}

	get(id: string): ApiObject | undefined {
		return this.entries.get(id)?.object;
	}

	/** The object, or a 404 `resource_not_found` naming the noun and ID. */
	require(id: string): ApiObject {
		const object = this.get(id);
		if (!object) throw notFound(this.noun, id);
		return object;
	}

	replace(object: ApiObject): ApiObject {
		const entry = this.entries.get(object.id);
		if (!entry) throw notFound(this.noun, object.id);
		if (entry.object.created !== object.created) this.sorted = undefined;
		entry.object = object;
		return object;
	}

	delete(id: string): boolean {
		this.sorted = undefined;
		return this.entries.delete(id);
	}

	/** Oldest first. */
	all(): ApiObject[] {
		return [...this.entries.values()].map((e) => e.object);
	}

	/** Newest first: by `created`, then by creation sequence. */
	newestFirst(filter: (object: ApiObject) => boolean = () => true): ApiObject[] {
		this.sorted ??= [...this.entries.values()].sort((a, b) => b.object.created - a.object.created || b.seq - a.seq);
		return this.sorted.filter((e) => filter(e.object)).map((e) => e.object);
	}
}

export interface IdempotentRecord {
	method: string;
	path: string;
	status: number;
	body: unknown;
	/** Milliseconds (sandbox clock) after which the key may be used again. */
	expiresAt: number;
}

export interface CertificateFile {
	bytes: Buffer;
	/** How many times the certificate was read with GET; drives the review (see resources/certificates.ts). */
	reads: number;
}

const NOUNS: Record<CollectionName, string> = {
	contractors: 'contractor',
	entities: 'entity',
	jobs: 'job',
	quotes: 'quote',
	sessions: 'application session',
	policies: 'policy',
	assignments: 'assignment',
	invoices: 'invoice',
	certificates: 'certificate',
	webhook_endpoints: 'webhook endpoint',
	events: 'event',
};

/** Everything one environment (sandbox or production) holds. The two environments never share objects or keys. */
export class EnvStore {
	readonly collections = Object.fromEntries(COLLECTIONS.map((name) => [name, new Collection(NOUNS[name])])) as Record<
		CollectionName,
		Collection
	>;
	readonly idempotency = new Map<string, IdempotentRecord>();
	readonly certificateFiles = new Map<string, CertificateFile>();

	dump(): SandboxState {
		// Deep copies, so a test holding a dump does not see later changes.
		return Object.fromEntries(
			COLLECTIONS.map((name) => [name, this.collections[name].all().map((o) => structuredClone(o))]),
		) as SandboxState;
	}
}
