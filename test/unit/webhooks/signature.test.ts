/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { describe, expect, it } from 'vitest';
import { computeSignature, parseSignatureHeader, signPayload, verifySignature } from '../../../src/webhooks/signature';

const SECRET = 'whsec_test_0123456789abcdef';
const BODY = JSON.stringify({ id: 'ev_1', type: 'policy.active', created: 1_763_900_000, data: { object: { id: 'pl_1' } } });
const T = 1_763_900_000;
const atT = (offsetSeconds = 0) => () => (T + offsetSeconds) * 1000;

function verify(header: string | string[] | undefined, overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) {
	return verifySignature({ secret: SECRET, header, rawBody: BODY, now: atT(), ...overrides });
}

describe('verifySignature', () => {
	it('accepts a valid signature over the raw body, as a string or a Buffer', () => {
		expect(verify(signPayload(SECRET, BODY, T))).toEqual({ valid: true, timestamp: T });
		expect(verify(signPayload(SECRET, BODY, T), { rawBody: Buffer.from(BODY) })).toEqual({ valid: true, timestamp: T });
	});

	it('computes hex HMAC-SHA256 of "<t>.<body>" (vector from openssl dgst -sha256 -hmac key)', () => {
		const expected = '1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224';
		expect(computeSignature('key', '{}', 1)).toBe(expected);
		expect(computeSignature('key', Buffer.from('{}'), 1)).toBe(expected);
		expect(signPayload('key', '{}', 1)).toBe(`t=1,v1=${expected}`);
	});

	it('refuses a tampered body', () => {
		const header = signPayload(SECRET, BODY, T);
		const tampered = BODY.replace('policy.active', 'policy.cancelled');
		expect(verify(header, { rawBody: tampered })).toMatchObject({ valid: false, reason: 'signature_mismatch' });
	});

	it('refuses a body re-serialised with different whitespace', () => {
		const header = signPayload(SECRET, BODY, T);
		expect(verify(header, { rawBody: JSON.stringify(JSON.parse(BODY), null, 2) })).toMatchObject({ reason: 'signature_mismatch' });
	});

	it('refuses a signature made with another secret', () => {
		expect(verify(signPayload('whsec_other', BODY, T))).toMatchObject({ valid: false, reason: 'signature_mismatch' });
	});

	it('refuses a timestamp that was changed after signing', () => {
		const v1 = computeSignature(SECRET, BODY, T);
		expect(verify(`t=${T + 1},v1=${v1}`, { now: atT(1) })).toMatchObject({ reason: 'signature_mismatch' });
	});

	it('refuses stale timestamps and timestamps too far in the future, at the 300 s default', () => {
		const header = signPayload(SECRET, BODY, T);
		expect(verify(header, { now: atT(300) })).toMatchObject({ valid: true });
		expect(verify(header, { now: atT(301) })).toMatchObject({ valid: false, reason: 'timestamp_outside_tolerance' });
		expect(verify(header, { now: atT(-300) })).toMatchObject({ valid: true });
		const future = verify(header, { now: atT(-301) });
		expect(future).toMatchObject({ valid: false, reason: 'timestamp_outside_tolerance' });
		expect(future.valid === false && future.message).toContain('in the future');
	});

	it('honours a configured tolerance and falls back to 300 s for nonsense', () => {
		const header = signPayload(SECRET, BODY, T);
		expect(verify(header, { now: atT(61), toleranceSeconds: 60 })).toMatchObject({ reason: 'timestamp_outside_tolerance' });
		expect(verify(header, { now: atT(59), toleranceSeconds: 60 })).toMatchObject({ valid: true });
		expect(verify(header, { now: atT(299), toleranceSeconds: 0 })).toMatchObject({ valid: true });
		expect(verify(header, { now: atT(301), toleranceSeconds: Number.NaN })).toMatchObject({ reason: 'timestamp_outside_tolerance' });
	});

	it('accepts when one of several v1 signatures matches (secret rotation), in any position and case', () => {
		const good = computeSignature(SECRET, BODY, T);
		const bad = computeSignature('whsec_old', BODY, T);
		expect(verify(`t=${T},v1=${bad},v1=${good}`)).toMatchObject({ valid: true });
		expect(verify(`t=${T},v1=${good.toUpperCase()},v1=${bad}`)).toMatchObject({ valid: true });
		expect(verify(`t=${T},v1=${bad},v1=${bad}`)).toMatchObject({ reason: 'signature_mismatch' });
	});

	it('tolerates spaces, unknown schemes such as v0, a trailing comma and a repeated header', () => {
		const good = computeSignature(SECRET, BODY, T);
		expect(verify(` t = ${T} , v0=deadbeef, v1= ${good} ,`)).toMatchObject({ valid: true });
		expect(verify([`t=${T}`, `v1=${good}`])).toMatchObject({ valid: true });
	});

	it('ignores v1 values that are not 64 hex characters instead of throwing', () => {
		const good = computeSignature(SECRET, BODY, T);
		expect(verify(`t=${T},v1=abc,v1=${'z'.repeat(64)},v1=${good.slice(0, 62)}`)).toMatchObject({ reason: 'signature_mismatch' });
		expect(verify(`t=${T},v1=abc,v1=${good}`)).toMatchObject({ valid: true });
	});

	it('reports a missing header', () => {
		expect(verify(undefined)).toMatchObject({ valid: false, reason: 'missing_header' });
		expect(verify('   ')).toMatchObject({ valid: false, reason: 'missing_header' });
	});

	it('reports malformed headers', () => {
		const good = computeSignature(SECRET, BODY, T);
		for (const header of [good, `v1=${good}`, `t=abc,v1=${good}`, `t=${T},t=${T},v1=${good}`, `t=${T},junk,v1=${good}`, `t=-5,v1=${good}`, `=x,t=${T}`]) {
			expect(verify(header), header).toMatchObject({ valid: false, reason: 'malformed_header' });
		}
	});

	it('reports a header with no v1 signature', () => {
		expect(verify(`t=${T},v0=${computeSignature(SECRET, BODY, T)}`)).toMatchObject({ valid: false, reason: 'no_v1_signature' });
	});

	it('refuses everything when no secret is configured, even a signature made with an empty key', () => {
		expect(verify(signPayload('', BODY, T), { secret: '' })).toMatchObject({ valid: false, reason: 'missing_secret' });
		expect(verify(signPayload(SECRET, BODY, T), { secret: undefined })).toMatchObject({ valid: false, reason: 'missing_secret' });
	});
});

describe('parseSignatureHeader', () => {
	it('returns the timestamp and every v1 value', () => {
		expect(parseSignatureHeader('t=12,v1=aa,v0=bb,v1=cc')).toEqual({ timestamp: 12, signatures: ['aa', 'cc'] });
	});
});
