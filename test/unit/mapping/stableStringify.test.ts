import { createHash } from 'crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortHash, stableStringify } from '../../../src/mapping/keys';

/**
 * keys.ts's loop-based stableStringify and one-shot hash must give exactly the keys the first version gave
 * (idempotency keys already sent to 1099Policy must stay the same): compared here with that version, verbatim.
 */

function referenceStringify(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(referenceStringify).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, item]) => item !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${referenceStringify(item)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

const referenceHash = (content: unknown): string =>
	createHash('sha256').update(typeof content === 'string' ? content : referenceStringify(content)).digest('hex').slice(0, 8);

describe('stableStringify and shortHash', () => {
	it('agree with the first version for any JSON-ish value', () => {
		fc.assert(
			fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true, withBoxedValues: false, withMap: false, withSet: false }), (value) => {
				expect(stableStringify(value)).toBe(referenceStringify(value));
				expect(shortHash(value)).toBe(referenceHash(value));
			}),
			{ numRuns: 3000 },
		);
	});

	it('agree on bodies with unicode, undefined members and nested arrays', () => {
		const body = { z: 'é ✓ 𝄞', a: undefined, m: [1, undefined, { y: null, b: 'x' }], c: { d: [], e: {} } };
		expect(stableStringify(body)).toBe(referenceStringify(body));
		expect(shortHash(body)).toBe(referenceHash(body));
		expect(shortHash('plain text')).toBe(referenceHash('plain text'));
	});
});
