import { ApiError, invalidInput } from './errors';
import type { Env } from './types';

/** Which keys are refused. Default: any key containing "invalid" (so tests can provoke a 401 by name). */
export type KeyRejecter = (key: string) => boolean;
export const DEFAULT_KEY_REJECTER: KeyRejecter = (key) => key.toLowerCase().includes('invalid');

/**
 * `Authorization: Bearer <key>` (the SDKs) or `Basic base64(<key>:)` (older docs, `curl -u key:`). Any non-empty
 * key is accepted unless the rejecter refuses it; the key's prefix is not checked (docs and SDKs disagree on it).
 */
export function authenticate(authorization: string | undefined, rejected: KeyRejecter): string {
	const refuse = (why: string) => new ApiError(401, 'invalid_api_key', why);
	if (!authorization) throw refuse('No API key provided. Send Authorization: Bearer <secret key>.');
	const [scheme, ...rest] = authorization.trim().split(/\s+/);
	const credential = rest.join(' ');
	let key = '';
	if (scheme.toLowerCase() === 'bearer') key = credential;
	else if (scheme.toLowerCase() === 'basic') {
		const decoded = Buffer.from(credential, 'base64').toString('utf8');
		// The key is the user name; the password is empty.
		key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
	} else throw refuse(`Unsupported authorization scheme ${scheme}. Use Bearer.`);
	if (key.trim() === '') throw refuse('The API key is empty.');
	if (rejected(key)) throw refuse('Invalid API key provided.');
	return key;
}

/** `Ten99Policy-Environment: sandbox | production`; the default is sandbox. */
export function environment(value: string | undefined): Env {
	const env = (value ?? 'sandbox').trim().toLowerCase();
	if (env === 'sandbox' || env === 'production') return env;
	throw invalidInput({ 'Ten99Policy-Environment': 'must be sandbox or production' });
}
