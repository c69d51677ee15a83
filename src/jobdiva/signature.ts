import { createHmac, timingSafeEqual } from 'crypto';

/** JobDiva signs each webhook POST: `X-Hub-Signature: sha1=<hex HMAC-SHA1(secret, raw body)>`. */
export const JOBDIVA_SIGNATURE_HEADER = 'X-Hub-Signature';

export type SignatureCheck =
	| { ok: true }
	| { ok: false; reason: 'missing_secret' | 'missing_signature' | 'malformed_signature' | 'signature_mismatch'; message: string };

export function signJobDivaPayload(secret: string, rawBody: Buffer | string): string {
	return `sha1=${createHmac('sha1', secret).update(rawBody).digest('hex')}`;
}

/**
 * Verifies the header against the exact bytes received. The comparison is constant-time over equal-length
 * buffers (a SHA-1 hex digest is always 40 characters, so a length mismatch means a malformed header).
 */
export function verifyJobDivaSignature(rawBody: Buffer | string, header: string | string[] | undefined, secret: string | undefined): SignatureCheck {
	if (!secret) return { ok: false, reason: 'missing_secret', message: 'no shared secret is set on the node' };
	const value = (Array.isArray(header) ? header[0] : header)?.trim();
	if (!value) return { ok: false, reason: 'missing_signature', message: `the ${JOBDIVA_SIGNATURE_HEADER} header is missing` };
	const match = /^sha1=([0-9a-fA-F]{40})$/.exec(value);
	if (!match) return { ok: false, reason: 'malformed_signature', message: `the ${JOBDIVA_SIGNATURE_HEADER} header is not "sha1=<40 hex digits>"` };
	const expected = Buffer.from(createHmac('sha1', secret).update(rawBody).digest('hex'), 'utf8');
	const given = Buffer.from(match[1].toLowerCase(), 'utf8');
	if (!timingSafeEqual(expected, given)) {
		return { ok: false, reason: 'signature_mismatch', message: 'the signature does not match the body and the shared secret' };
	}
	return { ok: true };
}
