import { describe, expect, it } from 'vitest';
import {
	candidateInLedgers,
	certificateRowOf,
	decideReview,
	decideUpload,
	EXPIRY_WARNING_DAYS,
	fileKeyOf,
	objectOf,
	readCertificateRow,
	type CertificateRow,
	type IncomingCertificate,
} from '../../../src/ledger/certificates';
import { readRow } from '../../../src/ledger/row';

const TODAY = '2026-12-05';
const PDF = Buffer.from('%PDF-1.4 certificate of liability insurance');

function row(over: Partial<CertificateRow> = {}): CertificateRow {
	return readCertificateRow({ fileKey: fileKeyOf('12345', PDF), candidateId: '12345', fileName: 'COI.pdf', contractorId: 'cn_1', certificateId: 'ci_1', state: 'in review', ...over })!;
}

const incoming = (over: Partial<IncomingCertificate> = {}): IncomingCertificate => ({
	fileKey: fileKeyOf('12345', PDF),
	candidateId: '12345',
	fileName: 'COI.pdf',
	contractorId: 'cn_1',
	placementIds: '45678',
	...over,
});

/** Unix seconds at midnight UTC of a day. */
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

describe('the certificate ledger: which file to upload', () => {
	it('keys a file by candidate and the first 32 hex digits of its SHA-256: the same bytes, the same key; other bytes or another candidate, another', () => {
		expect(fileKeyOf('12345', PDF)).toMatch(/^12345:[0-9a-f]{32}$/);
		expect(fileKeyOf('12345', Buffer.from(PDF))).toBe(fileKeyOf('12345', PDF));
		expect(fileKeyOf('12345', Buffer.concat([PDF, Buffer.from(' ')]))).not.toBe(fileKeyOf('12345', PDF));
		expect(fileKeyOf('12346', PDF)).not.toBe(fileKeyOf('12345', PDF));
	});

	it('a new file with a known contractor is uploaded, its row written first as uploading', () => {
		const decision = decideUpload(undefined, incoming());
		expect(decision).toMatchObject({ route: 'upload', contractorId: 'cn_1', reason: 'a new certificate file' });
		expect(decision.row).toMatchObject({ state: 'uploading', contractorId: 'cn_1', placementIds: '45678', certificateId: '', expiresOn: '' });
	});

	it('a new file of a candidate no ledger knows needs a contractor first', () => {
		const decision = decideUpload(undefined, incoming({ contractorId: '', placementIds: '' }));
		expect(decision.route).toBe('needsContractor');
		expect(decision.reason).toMatch(/candidate 12345 has no 1099Policy contractor/);
	});

	it.each(['in review', 'valid', 'expiring', 'flagged', 'rejected', 'expired'] as const)('a file already %s is not uploaded again, at any age', (state) => {
		const decision = decideUpload(row({ state, expiresOn: '2027-06-30' }), incoming());
		expect(decision.route).toBe('alreadySent');
		expect(decision.reason).toMatch(new RegExp(`certificate ci_1 \\(${state}, expires 2027-06-30\\)`));
		expect(decision.row.state).toBe(state);
	});

	it('a row still uploading (a crash mid-upload) is uploaded again with its contractor; a refused one is tried again', () => {
		expect(decideUpload(row({ state: 'uploading', certificateId: '' }), incoming({ contractorId: '' }))).toMatchObject({ route: 'upload', contractorId: 'cn_1', reason: expect.stringMatching(/same idempotency key/) });
		const refused = decideUpload(row({ state: 'refused', lastAction: 'refused: invalid_file_type' }), incoming());
		expect(refused).toMatchObject({ route: 'upload', reason: expect.stringMatching(/refused it before \(refused: invalid_file_type\)/) });
		expect(refused.row.lastAction).toBe('uploading again (was refused)');
	});

	it('refuses an item without a candidate, naming the field and the fix', () => {
		expect(() => decideUpload(undefined, incoming({ candidateId: '' }))).toThrow(/jobdiva\.candidateId: is missing .*candidateId/);
	});

	it('finds the contractor in the placement ledger, else in an earlier certificate of the candidate; placement IDs from the placement ledger', () => {
		const placement = (placementId: string, candidateId: string, contractorId: string) => readRow({ placementId, candidateId, jobdivaJobId: '1', state: 'covered', contractorId })!;
		expect(candidateInLedgers('12345', [placement('45678', '12345', 'cn_9'), placement('45690', '12345', 'cn_9'), placement('45680', '12347', 'cn_2')], [])).toEqual({ contractorId: 'cn_9', placementIds: '45678,45690' });
		expect(candidateInLedgers('12345', [], [row({ contractorId: 'cn_5' })])).toEqual({ contractorId: 'cn_5', placementIds: '' });
		expect(candidateInLedgers('12345', [placement('45680', '12347', 'cn_2')], [])).toEqual({ contractorId: '', placementIds: '' });
	});
});

describe('the certificate ledger: what a review means today', () => {
	const certificate = (status: string, expires?: string) => ({ id: 'ci_1', status, review_results: expires ? { expiration_date: day(expires) } : null });

	it.each([
		['pending', undefined, 'in review', false],
		['processing', undefined, 'in review', false],
		['approved', '2027-12-01', 'valid', true],
		['approved', undefined, 'valid', true],
		['flagged', undefined, 'flagged', true],
		['denied', undefined, 'rejected', true],
		['expired', '2026-11-30', 'expired', true],
	])('status %s (expires %s) → %s', (status, expires, state, changed) => {
		const decision = decideReview(row(), certificate(status, expires), TODAY);
		expect(decision).toMatchObject({ state, changed });
		if (changed) expect(decision.row).toMatchObject({ state, expiresOn: expires ?? '', reviewedAt: TODAY, lastAction: expect.stringContaining(`1099Policy's review: ${status}`) });
	});

	it(`approved but expiring within ${EXPIRY_WARNING_DAYS} days (today and the last day included) is expiring; past its expiry, expired`, () => {
		expect(decideReview(row(), certificate('approved', '2026-12-25'), TODAY).state).toBe('expiring');
		expect(decideReview(row(), certificate('approved', '2027-01-04'), TODAY).state).toBe('expiring');
		expect(decideReview(row(), certificate('approved', '2027-01-05'), TODAY).state).toBe('valid');
		expect(decideReview(row(), certificate('approved', TODAY), TODAY).state).toBe('expiring');
		expect(decideReview(row(), certificate('approved', '2026-12-04'), TODAY).state).toBe('expired');
	});

	it('re-judges a valid or expiring row by its expiry date alone: it becomes expiring, then expired, and is unchanged in between', () => {
		const valid = row({ state: 'valid', expiresOn: '2027-01-10' });
		expect(decideReview(valid, undefined, TODAY)).toMatchObject({ changed: false, state: 'valid' });
		const soon = decideReview(valid, undefined, '2026-12-11');
		expect(soon).toMatchObject({ changed: true, state: 'expiring', reason: 'checked against today: expiring (expires 2027-01-10)' });
		expect(decideReview(soon.row, undefined, '2027-01-10')).toMatchObject({ changed: false, state: 'expiring' });
		expect(decideReview(soon.row, undefined, '2027-01-11')).toMatchObject({ changed: true, state: 'expired' });
		expect(decideReview(row({ state: 'valid', expiresOn: '' }), undefined, '2030-01-01')).toMatchObject({ changed: false, state: 'valid' });
	});

	it('leaves flagged, rejected, expired and uploading rows alone; a row in review not read stays in review', () => {
		for (const state of ['flagged', 'rejected', 'expired', 'uploading', 'refused'] as const) {
			expect(decideReview(row({ state }), certificate('approved', '2027-12-01'), TODAY)).toMatchObject({ changed: false, state });
		}
		expect(decideReview(row(), undefined, TODAY)).toMatchObject({ changed: false, state: 'in review' });
	});

	it('refuses a status it does not know and a day that is not a date, naming the field', () => {
		expect(() => decideReview(row(), certificate('mystery'), TODAY)).toThrow(/^status: is not a certificate status this ledger knows \(got "mystery"\)/);
		expect(() => decideReview(row(), certificate('approved'), '5/12/2026')).toThrow(/^today: is not a date/);
	});

	it('reads a Ledger Row parameter given as an object or JSON text, and names a row it cannot read', () => {
		expect(certificateRowOf(JSON.stringify(row()))).toEqual(row());
		expect(certificateRowOf({ ...row(), id: 7, createdAt: 'x' })).toEqual(row());
		expect(() => certificateRowOf({ fileKey: '12345:ab', state: 'approved' })).toThrow(/^Ledger Row: cannot be read as a certificate ledger row \(got "12345:ab"\)/);
	});

	it('reads the Ledger Row and Certificate parameters as JSON objects, refusing text that is not JSON and prototype keys', () => {
		expect(objectOf('', 'Certificate')).toBeUndefined();
		expect(objectOf('{}', 'Certificate')).toBeUndefined();
		expect(objectOf('{"status": "approved"}', 'Certificate')).toEqual({ status: 'approved' });
		expect(() => objectOf('{status: approved', 'Certificate')).toThrow(/^Certificate: is not valid JSON/);
		expect(() => objectOf('[1]', 'Certificate')).toThrow(/^Certificate: is not an object/);
		expect(() => objectOf('{"review_results": {"__proto__": {"x": 1}}}', 'Certificate')).toThrow(/^Certificate\.review_results\.__proto__: uses the key "__proto__"/);
	});
});

