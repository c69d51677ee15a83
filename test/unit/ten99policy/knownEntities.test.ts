import { describe, expect, it } from 'vitest';
import { KnownEntities, KNOWN_ENTITY_TTL_MS } from '../../../src/ten99policy/knownEntities';

describe('KnownEntities (Entity → Find or Create memory)', () => {
	const clock = () => {
		let now = 1_000_000;
		return { now: () => now, advance: (ms: number) => (now += ms) };
	};

	it('matches names trimmed and case-insensitively, per account', () => {
		const known = new KnownEntities();
		known.remember('acct-a', { id: 'en_1', name: ' Acme Health ' });
		expect(known.get('acct-a', 'acme health')?.id).toBe('en_1');
		expect(known.get('acct-a', 'ACME HEALTH  ')).toEqual({ id: 'en_1', name: ' Acme Health ' });
		expect(known.get('acct-b', 'Acme Health')).toBeUndefined();
	});

	it('forgets an entry after an hour', () => {
		const time = clock();
		const known = new KnownEntities(KNOWN_ENTITY_TTL_MS, time.now);
		known.remember('a', { id: 'en_1', name: 'Acme' });
		time.advance(KNOWN_ENTITY_TTL_MS - 1);
		expect(known.get('a', 'Acme')?.id).toBe('en_1');
		time.advance(1);
		expect(known.get('a', 'Acme')).toBeUndefined();
		expect(known.size).toBe(0);
	});

	it('forgets every name pointing at an ID, only in that account', () => {
		const known = new KnownEntities();
		known.remember('a', { id: 'en_1', name: 'Acme' });
		known.remember('a', { id: 'en_1', name: 'Acme Health' });
		known.remember('a', { id: 'en_2', name: 'Globex' });
		known.remember('b', { id: 'en_1', name: 'Acme' });
		known.forgetId('a', 'en_1');
		expect([known.get('a', 'Acme'), known.get('a', 'Acme Health')]).toEqual([undefined, undefined]);
		expect(known.get('a', 'Globex')?.id).toBe('en_2');
		expect(known.get('b', 'Acme')?.id).toBe('en_1');
	});

	it('ignores answers without an ID or a name, and stays bounded', () => {
		const known = new KnownEntities();
		known.remember('a', { name: 'No ID' });
		known.remember('a', { id: 'en_3', name: '  ' });
		expect(known.size).toBe(0);
		for (let i = 0; i < 10_001; i++) known.remember('a', { id: `en_${i}`, name: `Client ${i}` });
		expect(known.size).toBeLessThanOrEqual(10_000);
		expect(known.get('a', 'Client 10000')?.id).toBe('en_10000');
	});
});
