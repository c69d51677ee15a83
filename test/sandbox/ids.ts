import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function pick(alphabet: string, length: number): string {
	const bytes = randomBytes(length);
	let out = '';
	// 256 is not a multiple of 62, so the first few characters are very slightly favoured; irrelevant for IDs.
	for (const byte of bytes) out += alphabet[byte % alphabet.length];
	return out;
}

/** `cn_4fT9aQ2LxZ`-style IDs, as in the reference's examples. */
export function newId(prefix: string): string {
	return `${prefix}${pick(ALPHABET, 10)}`;
}

/** Application sessions use ULID-like IDs in the reference (`ias_01FZCHXE7KNQHE1T3S8AXG2QZE`). */
export function newSessionId(): string {
	return `ias_01${pick(CROCKFORD, 24)}`;
}

/** Webhook signing secrets: `whsec_` plus 32 random alphanumerics. */
export function newWebhookSecret(): string {
	return `whsec_${pick(ALPHABET, 32)}`;
}
