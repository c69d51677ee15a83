import { createHash } from 'crypto';

/** A JobDiva record as returned: BI rows have UPPERCASE keys and string values; searchStart records lower case with spaces. */
export type JobDivaRow = Record<string, unknown>;

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

export function sha256Hex(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** A row's identity for de-duplication: its whole content, key order ignored. */
export function rowIdentity(row: JobDivaRow): string {
	return sha256Hex(canonicalJson(row));
}

/**
 * Concatenates the rows of consecutive windows in order, dropping a row that already appeared (windows touch, so a
 * record stamped on a boundary comes back from both). Different versions of one record are kept: they differ.
 */
export function mergeRows(batches: readonly JobDivaRow[][]): JobDivaRow[] {
	const seen = new Set<string>();
	const merged: JobDivaRow[] = [];
	for (const batch of batches) {
		for (const row of batch) {
			const identity = rowIdentity(row);
			if (seen.has(identity)) continue;
			seen.add(identity);
			merged.push(row);
		}
	}
	return merged;
}

/** The first present value among `keys` as text (JobDiva sends IDs as strings or numbers). */
export function idOf(row: JobDivaRow, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const value = row[key];
		if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
	}
	return undefined;
}
