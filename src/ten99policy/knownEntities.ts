/**
 * Entities that Entity → Find or Create has found or created, remembered across executions of one n8n process so
 * that a placement of a client already seen costs no entity call (the template's poller runs every 15 minutes and
 * would otherwise list every entity on each run).
 *
 * Only positive answers are remembered: a name that is not here is always looked up again, so an entity created in
 * the 1099Policy dashboard meanwhile is found rather than duplicated. An entry lives one hour, and is dropped at once
 * when 1099Policy answers `invalid_entity_id` for its ID or when the entity is updated or deleted through the node.
 * Entries belong to one account (base URL, environment and a hash of the API key), so two credentials never share.
 */

/** An entity as 1099Policy answered it: `id` and `name` are checked to be strings before it is remembered. */
export type KnownEntity = Record<string, unknown> & { id: string; name: string };

interface Entry {
	account: string;
	entity: KnownEntity;
	at: number;
}

export const KNOWN_ENTITY_TTL_MS = 60 * 60 * 1000;
/** n8n workers run for weeks and names are data: the map is emptied when it reaches this size. */
const MAX_ENTRIES = 10_000;

export class KnownEntities {
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly ttlMs = KNOWN_ENTITY_TTL_MS,
		private readonly now: () => number = Date.now,
	) {}

	/** The entity remembered for this account and name (case-insensitive, trimmed), if still fresh. */
	get(account: string, name: string): KnownEntity | undefined {
		const key = entryKey(account, name);
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (this.now() - entry.at >= this.ttlMs) {
			this.entries.delete(key);
			return undefined;
		}
		return entry.entity;
	}

	remember(account: string, entity: Record<string, unknown>): void {
		if (typeof entity.id !== 'string' || typeof entity.name !== 'string' || entity.name.trim() === '') return;
		if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
		this.entries.set(entryKey(account, entity.name), { account, entity: entity as KnownEntity, at: this.now() });
	}

	/** Forgets every name of this account that points at `id` (the entity was deleted, renamed or refused). */
	forgetId(account: string, id: string): void {
		for (const [key, entry] of this.entries) if (entry.account === account && entry.entity.id === id) this.entries.delete(key);
	}

	clear(): void {
		this.entries.clear();
	}

	get size(): number {
		return this.entries.size;
	}
}

function entryKey(account: string, name: string): string {
	return `${account}\n${name.trim().toLowerCase()}`;
}

/** The process-wide memory used by the Ten99Policy node. */
export const knownEntities = new KnownEntities();
