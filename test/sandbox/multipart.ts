/**
 * A small RFC 7578 multipart/form-data parser: enough for certificate uploads (text fields and files, binary-safe,
 * quoted parameters), strict about framing so a truncated upload is an error rather than a short file.
 */

export interface FilePart {
	filename: string;
	contentType: string;
	data: Buffer;
}

export interface ParsedForm {
	/** Text fields by name; a repeated name keeps the last value. */
	fields: Record<string, string>;
	/** File parts (those with a `filename`) by field name. */
	files: Record<string, FilePart>;
}

export class MultipartError extends Error {}

/** The `boundary` parameter of a `multipart/form-data` content type, or `undefined` when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
	if (!contentType) return undefined;
	const [type, ...params] = splitParams(contentType);
	if (type.toLowerCase() !== 'multipart/form-data') return undefined;
	const boundary = params.find((p) => p.name === 'boundary')?.value;
	return boundary && boundary.length <= 70 ? boundary : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): ParsedForm {
	const delimiter = Buffer.from(`--${boundary}`, 'latin1');
	const form: ParsedForm = { fields: {}, files: {} };
	// The first delimiter may follow a preamble; later ones always follow CRLF.
	let position = body.indexOf(delimiter);
	if (position === -1) throw new MultipartError('the body does not contain the boundary');
	const nextDelimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
	for (;;) {
		position += delimiter.length;
		if (body.subarray(position, position + 2).toString('latin1') === '--') return form;
		if (body.subarray(position, position + 2).toString('latin1') !== '\r\n') throw new MultipartError('a boundary is not followed by CRLF');
		position += 2;
		const headerEnd = body.indexOf('\r\n\r\n', position, 'latin1');
		if (headerEnd === -1) throw new MultipartError('a part has no end of headers');
		const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
		const dataStart = headerEnd + 4;
		const dataEnd = body.indexOf(nextDelimiter, dataStart);
		if (dataEnd === -1) throw new MultipartError('the body ends before the closing boundary');
		addPart(form, headers, body.subarray(dataStart, dataEnd));
		position = dataEnd + 2;
	}
}

function addPart(form: ParsedForm, headers: Record<string, string>, data: Buffer): void {
	const disposition = headers['content-disposition'];
	if (!disposition) throw new MultipartError('a part has no Content-Disposition header');
	const [kind, ...params] = splitParams(disposition);
	if (kind.toLowerCase() !== 'form-data') throw new MultipartError('a part is not form-data');
	const name = params.find((p) => p.name === 'name')?.value;
	if (name === undefined) throw new MultipartError('a part has no name');
	const filename = params.find((p) => p.name === 'filename')?.value;
	if (filename !== undefined) {
		form.files[name] = { filename, contentType: headers['content-type'] ?? 'application/octet-stream', data: Buffer.from(data) };
	} else {
		form.fields[name] = data.toString('utf8');
	}
}

function parseHeaders(text: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon <= 0) throw new MultipartError(`a part has a malformed header line "${line}"`);
		headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

/** Splits `type; a=b; c="d;e"` into the value and its parameters, honouring quoted strings and `\"` escapes. */
function splitParams(header: string): [string, ...Array<{ name: string; value: string }>] {
	const pieces: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < header.length; i++) {
		const c = header[i];
		if (quoted && c === '\\' && i + 1 < header.length) {
			current += c + header[++i];
		} else if (c === '"') {
			quoted = !quoted;
			current += c;
		} else if (c === ';' && !quoted) {
			pieces.push(current);
			current = '';
		} else {
			current += c;
		}
	}
	pieces.push(current);
	const [first, ...rest] = pieces.map((p) => p.trim());
	const params = rest
		.filter((p) => p.includes('='))
		.map((p) => {
			const eq = p.indexOf('=');
			let value = p.slice(eq + 1).trim();
			if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
			return { name: p.slice(0, eq).trim().toLowerCase(), value };
		});
	return [first, ...params];
}
