import { describe, expect, it } from 'vitest';
import { RecentKeys } from '../../../src/util/recentKeys';
import { signJobDivaPayload, verifyJobDivaSignature } from '../../../src/jobdiva/signature';
import { deliveryKey, receiveJobDivaDelivery, type ReceiveInput } from '../../../src/jobdiva/webhook';

const SECRET = 'jd-shared-secret';
const salary = {
	type: 'salary',
	operation: 'Insert',
	id: '12345,880',
	data: [{ EMPLOYEEID: '12345', RECID: '880', EMPLOYMENT_CATEGORY: 'Subcontractor', SALARY: '95.10', SALARY_PER: 'H' }],
};
const raw = Buffer.from(JSON.stringify(salary));

describe('X-Hub-Signature verification', () => {
	it('accepts the HMAC-SHA1 of the exact bytes, in either hex case', () => {
		const header = signJobDivaPayload(SECRET, raw);
		expect(header).toMatch(/^sha1=[0-9a-f]{40}$/);
		expect(verifyJobDivaSignature(raw, header, SECRET)).toEqual({ ok: true });
		expect(verifyJobDivaSignature(raw, `sha1=${header.slice(5).toUpperCase()}`, SECRET)).toEqual({ ok: true });
		expect(verifyJobDivaSignature(raw.toString('utf8'), [header], SECRET)).toEqual({ ok: true });
	});

	it('rejects a tampered body, a wrong secret, a missing or malformed header, and a node without a secret', () => {
		const header = signJobDivaPayload(SECRET, raw);
		const tampered = Buffer.from(raw.toString('utf8').replace('95.10', '9.51'));
		expect(verifyJobDivaSignature(tampered, header, SECRET)).toMatchObject({ ok: false, reason: 'signature_mismatch' });
		expect(verifyJobDivaSignature(raw, signJobDivaPayload('other-secret', raw), SECRET)).toMatchObject({ ok: false, reason: 'signature_mismatch' });
		expect(verifyJobDivaSignature(raw, undefined, SECRET)).toMatchObject({ ok: false, reason: 'missing_signature' });
		expect(verifyJobDivaSignature(raw, '  ', SECRET)).toMatchObject({ ok: false, reason: 'missing_signature' });
		for (const malformed of [header.slice(5), `sha256=${header.slice(5)}`, `sha1=${header.slice(5, 40)}`, `sha1=${'z'.repeat(40)}`, `${header}00`]) {
			expect(verifyJobDivaSignature(raw, malformed, SECRET)).toMatchObject({ ok: false, reason: 'malformed_signature' });
		}
		expect(verifyJobDivaSignature(raw, header, '')).toMatchObject({ ok: false, reason: 'missing_secret' });
	});

	it('re-serialised JSON with other whitespace does not verify: the raw bytes are what JobDiva signed', () => {
		const pretty = Buffer.from(JSON.stringify(salary, null, 2));
		expect(verifyJobDivaSignature(raw, signJobDivaPayload(SECRET, pretty), SECRET)).toMatchObject({ ok: false });
	});
});

const input = (overrides: Partial<ReceiveInput> = {}): ReceiveInput => ({
	rawBody: raw,
	signatureHeader: signJobDivaPayload(SECRET, raw),
	secret: SECRET,
	skipVerification: false,
	types: [],
	operations: [],
	recent: RecentKeys.fromState([], 1000),
	...overrides,
});

describe('JobDiva delivery handling', () => {
	it('emits a signed delivery unchanged and drops JobDiva\'s retry of it', () => {
		const recent = RecentKeys.fromState([], 1000);
		const first = receiveJobDivaDelivery(input({ recent }));
		expect(first).toMatchObject({ action: 'emit', body: salary });
		expect(receiveJobDivaDelivery(input({ recent }))).toMatchObject({ action: 'acknowledge', reason: 'duplicate' });
	});

	it('the same record with new content, or another operation, is a new delivery', () => {
		const recent = RecentKeys.fromState([], 1000);
		receiveJobDivaDelivery(input({ recent }));
		const edited = Buffer.from(JSON.stringify({ ...salary, data: [{ ...salary.data[0], SALARY: '99.00' }] }));
		expect(receiveJobDivaDelivery(input({ recent, rawBody: edited, signatureHeader: signJobDivaPayload(SECRET, edited) })).action).toBe('emit');
		const update = Buffer.from(JSON.stringify({ ...salary, operation: 'Update' }));
		expect(receiveJobDivaDelivery(input({ recent, rawBody: update, signatureHeader: signJobDivaPayload(SECRET, update) })).action).toBe('emit');
		// Key order inside data does not make a retry look new.
		const reordered = Buffer.from(JSON.stringify({ id: salary.id, type: 'salary', operation: 'Insert', data: [Object.fromEntries(Object.entries(salary.data[0]).reverse())] }));
		expect(receiveJobDivaDelivery(input({ recent, rawBody: reordered, signatureHeader: signJobDivaPayload(SECRET, reordered) }))).toMatchObject({ action: 'acknowledge', reason: 'duplicate' });
	});

	it('the dedupe key is (type, id, operation, sha256(content)) and the window forgets the oldest beyond its size', () => {
		expect(deliveryKey(salary)).toMatch(/^salary\|12345,880\|insert\|[0-9a-f]{64}$/);
		const recent = RecentKeys.fromState(['a', 'b'], 3);
		recent.add('c');
		recent.add('d');
		expect(recent.toState()).toEqual(['b', 'c', 'd']);
		expect(recent.has('a')).toBe(false);
		expect(RecentKeys.fromState(['x', 1, null, 'y'], 10).toState()).toEqual(['x', 'y']);
	});

	it('filters by type and operation (acknowledged, not emitted, not remembered)', () => {
		const recent = RecentKeys.fromState([], 1000);
		expect(receiveJobDivaDelivery(input({ recent, types: ['billing'] }))).toMatchObject({ action: 'acknowledge', reason: 'filtered' });
		expect(receiveJobDivaDelivery(input({ recent, operations: ['Update', 'Delete'] }))).toMatchObject({ action: 'acknowledge', reason: 'filtered' });
		expect(recent.size).toBe(0);
		expect(receiveJobDivaDelivery(input({ recent, types: ['salary', 'billing'], operations: ['insert'] })).action).toBe('emit');
	});

	it('refuses bad signatures with 401 and non-webhook bodies with 400; skipping verification is explicit', () => {
		expect(receiveJobDivaDelivery(input({ signatureHeader: undefined }))).toMatchObject({ action: 'reject', status: 401, reason: 'missing_signature' });
		expect(receiveJobDivaDelivery(input({ secret: 'wrong' }))).toMatchObject({ action: 'reject', status: 401, reason: 'signature_mismatch' });
		expect(receiveJobDivaDelivery(input({ signatureHeader: undefined, skipVerification: true })).action).toBe('emit');
		const notJson = Buffer.from('type=salary');
		expect(receiveJobDivaDelivery(input({ rawBody: notJson, signatureHeader: signJobDivaPayload(SECRET, notJson) }))).toMatchObject({ status: 400, reason: 'invalid_json' });
		const noId = Buffer.from(JSON.stringify({ type: 'job', operation: 'Insert' }));
		expect(receiveJobDivaDelivery(input({ rawBody: noId, signatureHeader: signJobDivaPayload(SECRET, noId) }))).toMatchObject({ status: 400, reason: 'invalid_delivery' });
	});

	it('a Delete without data is accepted and emitted as sent (the numeric id stays a number)', () => {
		const deleted = Buffer.from(JSON.stringify({ type: 'candidate', operation: 'Delete', id: 12349 }));
		expect(receiveJobDivaDelivery(input({ rawBody: deleted, signatureHeader: signJobDivaPayload(SECRET, deleted) }))).toMatchObject({
			action: 'emit',
			delivery: { type: 'candidate', operation: 'Delete', id: '12349' },
			body: { type: 'candidate', operation: 'Delete', id: 12349 },
		});
	});
});
