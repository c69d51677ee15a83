import { describe, expect, it } from 'vitest';
import { idempotencyKey, shortHash } from '../../../src/mapping';
import { fixture, mapped, nestedPlacement } from './support';

describe('idempotency keys', () => {
	it('have the documented forms', () => {
		const result = mapped(nestedPlacement(), 'mapPlacement');
		expect(result.contractor!.idempotencyKey).toMatch(/^jobdiva-candidate-12345-[0-9a-f]{8}$/);
		expect(result.job!.idempotencyKey).toMatch(/^jobdiva-job-78910-[0-9a-f]{8}$/);
		expect(result.quote!.idempotencyKey).toMatch(/^jobdiva-placement-45678-[0-9a-f]{8}$/);
		expect(result.assignment!.idempotencyKey).toMatch(/^jobdiva-assignment-45678-[0-9a-f]{8}$/);
		expect(result.session!.idempotencyKey).toMatch(/^jobdiva-session-45678-[0-9a-f]{8}$/);
	});

	it('the same input gives the same keys, whatever the key order of the input', () => {
		const a = mapped(nestedPlacement(), 'mapPlacement');
		const reversed = Object.fromEntries(Object.entries(nestedPlacement()).reverse().map(([k, v]) => [k, Object.fromEntries(Object.entries(v).reverse())]));
		const b = mapped(reversed, 'mapPlacement');
		for (const part of ['contractor', 'job', 'quote', 'assignment', 'session'] as const) {
			expect(b[part]!.idempotencyKey).toBe(a[part]!.idempotencyKey);
		}
	});

	it('changed dates give a new quote and assignment key but keep the contractor and job keys', () => {
		const a = mapped(nestedPlacement(), 'mapPlacement');
		const b = mapped(nestedPlacement({ ENDDATE: '03/31/2027' }), 'mapPlacement');
		expect(b.quote!.idempotencyKey).not.toBe(a.quote!.idempotencyKey);
		expect(b.assignment!.idempotencyKey).not.toBe(a.assignment!.idempotencyKey);
		expect(b.contractor!.idempotencyKey).toBe(a.contractor!.idempotencyKey);
		expect(b.job!.idempotencyKey).toBe(a.job!.idempotencyKey);
	});

	it('a changed rate gives a new job key; a changed email a new contractor key', () => {
		const a = mapped(nestedPlacement(), 'mapPlacement');
		expect(mapped(nestedPlacement({ AGREEDPAYRATE: '96' }), 'mapPlacement').job!.idempotencyKey).not.toBe(a.job!.idempotencyKey);
		expect(mapped(nestedPlacement({}, {}, { EMAIL: 'new@example.org' }), 'mapPlacement').contractor!.idempotencyKey).not.toBe(a.contractor!.idempotencyKey);
	});

	it('hashes the body with sorted keys (sha256, first 8 hex)', () => {
		expect(shortHash({ b: 1, a: 2 })).toBe(shortHash({ a: 2, b: 1 }));
		// sha256('{"a":2,"b":1}') starts with this prefix (computed with `printf '{"a":2,"b":1}' | sha256sum`).
		expect(shortHash({ a: 2, b: 1 })).toBe(SHA_PREFIX);
		expect(idempotencyKey('invoice', 'INV 3001/x', {})).toMatch(/^jobdiva-invoice-INV_3001_x-[0-9a-f]{8}$/);
	});

	it('the same attachment gives the same certificate key', () => {
		const input = { candidateId: '1', FILENAME: 'coi.pdf', FILECONTENT: Buffer.from('%PDF-1.4 x').toString('base64') };
		expect(mapped(input, 'mapAttachment').certificate!.idempotencyKey).toBe(mapped({ ...input }, 'mapAttachment').certificate!.idempotencyKey);
		expect(mapped(fixture('candidateDetail'), 'mapCandidate').contractor!.idempotencyKey).toBe(mapped(fixture('candidateDetail'), 'mapCandidate').contractor!.idempotencyKey);
	});
});

const SHA_PREFIX = 'd3626ac3';
