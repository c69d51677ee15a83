import { describe, expect, it } from 'vitest';
import { multipartBoundary, MultipartError, parseMultipart } from '../../sandbox/multipart';

const CRLF = '\r\n';

function form(boundary: string, parts: string[], preamble = ''): Buffer {
	return Buffer.from(`${preamble}${parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('')}--${boundary}--${CRLF}`, 'latin1');
}

describe('multipartBoundary', () => {
	it.each([
		['multipart/form-data; boundary=abc', 'abc'],
		['Multipart/Form-Data; charset=utf-8; boundary="a;b c"', 'a;b c'],
		['multipart/form-data; boundary="q\\"x"', 'q"x'],
	])('reads %s', (header, boundary) => expect(multipartBoundary(header)).toBe(boundary));

	it.each([undefined, 'application/json', 'multipart/form-data', 'multipart/mixed; boundary=x', `multipart/form-data; boundary=${'b'.repeat(71)}`])(
		'has none for %s',
		(header) => expect(multipartBoundary(header)).toBeUndefined(),
	);
});

describe('parseMultipart', () => {
	it('reads text fields and binary files, including bytes that look like framing', () => {
		const binary = '%PDF-1.4\r\n--not-the-boundary\r\n\u00ff\u0000end';
		const body = form(
			'XyZ',
			[
				'Content-Disposition: form-data; name="contractor"\r\n\r\ncn_123',
				'Content-Disposition: form-data; name="custom_metadata[jobdiva_candidate_id]"\r\n\r\n12345',
				`Content-Disposition: form-data; name="certificate"; filename="c o i;1.pdf"\r\nContent-Type: application/pdf\r\n\r\n${binary}`,
				'content-disposition: form-data; name="note"\r\n\r\nline1\r\nline2 ünïcode',
			],
			'preamble to ignore\r\n',
		);
		const parsed = parseMultipart(body, 'XyZ');
		expect(parsed.fields).toEqual({ contractor: 'cn_123', 'custom_metadata[jobdiva_candidate_id]': '12345', note: Buffer.from('line1\r\nline2 ünïcode', 'latin1').toString('utf8') });
		expect(parsed.files.certificate.filename).toBe('c o i;1.pdf');
		expect(parsed.files.certificate.contentType).toBe('application/pdf');
		expect(parsed.files.certificate.data.equals(Buffer.from(binary, 'latin1'))).toBe(true);
	});

	it('defaults a file part without Content-Type to application/octet-stream, and an empty form is empty', () => {
		const parsed = parseMultipart(form('b', ['Content-Disposition: form-data; name="f"; filename="x.pdf"\r\n\r\n%PDF']), 'b');
		expect(parsed.files.f.contentType).toBe('application/octet-stream');
		expect(parseMultipart(Buffer.from('--b--\r\n'), 'b')).toEqual({ fields: {}, files: {} });
	});

	it.each([
		['no boundary at all', Buffer.from('hello'), 'the body does not contain the boundary'],
		['a boundary without CRLF', Buffer.from('--bXX'), 'a boundary is not followed by CRLF'],
		['no end of headers', Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n'), 'a part has no end of headers'],
		['a truncated body', Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'), 'the body ends before the closing boundary'],
		['a part without Content-Disposition', form('b', ['Content-Type: text/plain\r\n\r\nx']), 'a part has no Content-Disposition header'],
		['a part that is not form-data', form('b', ['Content-Disposition: attachment; name="a"\r\n\r\nx']), 'a part is not form-data'],
		['a part without a name', form('b', ['Content-Disposition: form-data; filename="a.pdf"\r\n\r\nx']), 'a part has no name'],
		['a malformed header', form('b', ['Content-Disposition: form-data; name="a"\r\nbroken header\r\n\r\nx']), 'a part has a malformed header line "broken header"'],
	])('rejects %s', (_name, body, message) => {
		expect(() => parseMultipart(body, 'b')).toThrow(new MultipartError(message));
	});
});
