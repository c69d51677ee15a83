import { createHmac, timingSafeEqual } from 'crypto';

/**
 * 1099Policy webhook signatures (1099Policy's API docs and its Node SDK `ten99policy`; the same scheme as Stripe's):
 * `Ten99Policy-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>[,v1=…]`.
 * Several `v1` values appear while a secret is being rolled; one match is enough. Other schemes (`v0`, …) are ignored.
 */
export const SIGNATURE_HEADER = 'Ten99Policy-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type SignatureFailureReason =
	| 'missing_secret'
	| 'missing_header'
	| 'malformed_header'
	| 'no_v1_signature'
	| 'timestamp_outside_tolerance'
	| 'signature_mismatch';

export type SignatureCheck =
	| { valid: true; timestamp: number }
	| { valid: false; reason: SignatureFailureReason; message: string };

export interface ParsedSignatureHeader {
	timestamp: number;
	/** Every `v1` value, as given (lower- or upper-case hex). */
	signatures: string[];
}

export interface VerifyOptions {
	/** The endpoint's signing secret (`whsec_…`), used as given: the whole string is the HMAC key. */
	secret: string | undefined;
	/** The header's value; an array when the header was sent more than once. */
	header: string | readonly string[] | undefined;
	/** The body exactly as received: re-serialised JSON would not match. */
	rawBody: Buffer | string;
	/** How far the timestamp may be from `now`, either way. Values below 1 fall back to the default. */
	toleranceSeconds?: number;
	/** Milliseconds since the epoch; injected so tests can move the clock. */
	now?: () => number;
}

const SHA256_BYTES = 32;
const HEX = /^[0-9a-f]+$/i;

/** Reads `t=…,v1=…`. Returns a reason string instead when the header cannot be read. */
export function parseSignatureHeader(header: string): ParsedSignatureHeader | 'malformed_header' | 'no_v1_signature' {
	let timestamp: number | undefined;
	const signatures: string[] = [];
	for (const part of header.split(',')) {
		const trimmed = part.trim();
		if (trimmed === '') continue; // a trailing or doubled comma carries no information
		const equals = trimmed.indexOf('=');
		if (equals <= 0) return 'malformed_header';
		const scheme = trimmed.slice(0, equals).trim();
		const value = trimmed.slice(equals + 1).trim();
		if (scheme === 't') {
			if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return 'malformed_header';
			timestamp = Number(value);
		} else if (scheme === 'v1') {
			signatures.push(value);
		}
	}
	if (timestamp === undefined) return 'malformed_header';
	if (signatures.length === 0) return 'no_v1_signature';
	return { timestamp, signatures };
}

/** The hex HMAC-SHA256 1099Policy sends as `v1`. */
export function computeSignature(secret: string, rawBody: Buffer | string, timestamp: number): string {
	return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** Builds a complete header value, for tests and the local sandbox. */
export function signPayload(secret: string, rawBody: Buffer | string, timestamp: number): string {
	return `t=${timestamp},v1=${computeSignature(secret, rawBody, timestamp)}`;
}

/**
 * Verifies a delivery. The signature is checked before the timestamp, so `timestamp_outside_tolerance` is only
 * reported for a genuinely signed delivery (a replay, or a clock that is off), which makes the reason useful.
 */
export function verifySignature(options: VerifyOptions): SignatureCheck {
	if (!options.secret) {
		return fail('missing_secret', 'No signing secret is configured for this trigger, so no delivery can be verified.');
	}
	const header = Array.isArray(options.header) ? options.header.join(',') : (options.header as string | undefined);
	if (header === undefined || header.trim() === '') {
		return fail('missing_header', `The ${SIGNATURE_HEADER} header is missing.`);
	}
	const parsed = parseSignatureHeader(header);
	if (parsed === 'malformed_header') {
		return fail(parsed, `The ${SIGNATURE_HEADER} header is not of the form t=<unix seconds>,v1=<hex>.`);
	}
	if (parsed === 'no_v1_signature') {
		return fail(parsed, `The ${SIGNATURE_HEADER} header carries no v1 signature.`);
	}
	const expected = Buffer.from(computeSignature(options.secret, options.rawBody, parsed.timestamp), 'hex');
	if (!parsed.signatures.some((candidate) => sameDigest(expected, candidate))) {
		return fail('signature_mismatch', 'No v1 signature matches the body and the signing secret.');
	}
	const tolerance =
		options.toleranceSeconds !== undefined && Number.isFinite(options.toleranceSeconds) && options.toleranceSeconds >= 1
			? options.toleranceSeconds
			: DEFAULT_TOLERANCE_SECONDS;
	const nowSeconds = (options.now ?? Date.now)() / 1000;
	const skew = nowSeconds - parsed.timestamp;
	if (Math.abs(skew) > tolerance) {
		const direction = skew > 0 ? `${Math.round(skew)} s old` : `${Math.round(-skew)} s in the future`;
		return fail('timestamp_outside_tolerance', `The signature timestamp is ${direction}; at most ${tolerance} s is accepted.`);
	}
	return { valid: true, timestamp: parsed.timestamp };
}

/** Constant-time comparison of the expected digest with one hex candidate of any length or case. */
function sameDigest(expected: Buffer, candidate: string): boolean {
	if (candidate.length !== SHA256_BYTES * 2 || !HEX.test(candidate)) return false;
	return timingSafeEqual(expected, Buffer.from(candidate, 'hex'));
}

function fail(reason: SignatureFailureReason, message: string): SignatureCheck {
	return { valid: false, reason, message };
}
