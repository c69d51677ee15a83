import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valuesCannotBreak } from '../../../src/mapping/placement';

/**
 * placement.ts skips parsing the success/cancel URLs of a template that gives an http(s) URL whatever the values.
 * That must hold: for every template it says so of, any values (encoded as the mapping encodes them) give a URL
 * that `new URL` accepts with an http(s) protocol; and templates with a placeholder where a value can break the
 * URL (scheme, host, port, userinfo) are not said to be safe.
 */

const PLACEHOLDER = /\{(placementId|candidateId|jobId)\}/g;
const split = (template: string) => template.split(PLACEHOLDER);

function fill(parts: readonly string[], values: readonly string[]): string {
	let url = parts[0];
	for (let index = 1; index < parts.length; index += 2) url += encodeURIComponent(values[(index - 1) / 2] ?? '') + parts[index + 1];
	return url;
}

function parsesAsHttp(url: string): boolean {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' || parsed.protocol === 'http:';
	} catch {
		return false;
	}
}

const piece = fc.constantFrom(
	'https://', 'http://', 'HTTPS://', 'ftp://', 'https:', 'https:\\\\', ' https://', 'mailto:', 'dash.example.com', 'x', '@', ':', ':8080', ':99999',
	'/', '//', '\\', '?', '#', '&', '=', '.', '..', '[', ']', '[::1]', '%', '%zz', ' ', '\t', 'é', 'user:pass@', 'a.b', '{placementId}',
	'{candidateId}', '{jobId}', '{other}',
);
const template = fc.array(piece, { minLength: 1, maxLength: 10 }).map((pieces) => pieces.join(''));
const value = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '.', '..', '%', '/', '?#', '@', ':', '[', 'a b', '\u0000', 'xn--', '12345,678'));

describe('URL templates no value can break', () => {
	it('every template said to be safe gives an http(s) URL for any values', () => {
		let safe = 0;
		fc.assert(
			fc.property(template, fc.array(value, { minLength: 12, maxLength: 12 }), (text, values) => {
				const parts = split(text);
				if (!valuesCannotBreak(parts)) return;
				safe++;
				expect(parsesAsHttp(fill(parts, values))).toBe(true);
				expect(parsesAsHttp(fill(parts, values.map(() => '')))).toBe(true);
			}),
			{ numRuns: 20_000 },
		);
		expect(safe).toBeGreaterThan(200);
	});

	it('the usual templates are safe; a placeholder in the scheme, host, port or userinfo is not', () => {
		for (const text of [
			'https://dashboard.example.com/jobdiva/placements/{placementId}?coverage=active',
			'https://x.example/{placementId}/{candidateId}?job={jobId}#{placementId}',
			'http://localhost:5678/webhook?p={placementId}',
			'https://x.example/done',
		]) {
			expect(valuesCannotBreak(split(text))).toBe(true);
		}
		for (const text of [
			'https://{placementId}.example.com/',
			'https://x.example:{placementId}/',
			'https://{candidateId}@x.example/',
			'{placementId}://x.example/',
			'https://x.example{placementId}/',
			'ftp://x.example/{placementId}',
			'not a url {placementId}',
		]) {
			expect(valuesCannotBreak(split(text))).toBe(false);
		}
	});
});
