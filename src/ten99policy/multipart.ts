import { randomBytes } from 'crypto';
import { ValueError } from '../util/valueError';

export const MAX_CERTIFICATE_BYTES = 15 * 1024 * 1024;

export interface FileInput {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
}

export interface MultipartPart {
	name: string;
	value: string | FileInput;
}

/**
 * Checks a certificate the way 1099Policy does (extension, MIME type, `%PDF` magic, 15 MB) so a bad file is
 * refused before any request is sent, with a message saying which check failed.
 */
export function checkCertificatePdf(file: FileInput, field: string): FileInput {
	const fileName = file.fileName && file.fileName.trim() !== '' ? file.fileName : 'certificate.pdf';
	if (!fileName.toLowerCase().endsWith('.pdf')) {
		throw new ValueError(field, fileName, 'is not a .pdf file', 'Upload the certificate of insurance as a PDF.');
	}
	// Downloads often carry a generic type (S3: binary/octet-stream) or parameters; the %PDF check below decides those.
	const mimeType = (file.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (!['', 'application/pdf', 'application/x-pdf', 'application/octet-stream', 'binary/octet-stream'].includes(mimeType)) {
		throw new ValueError(field, file.mimeType, 'has a MIME type other than application/pdf', 'Upload the certificate of insurance as a PDF.');
	}
	if (file.data.length === 0 || file.data.subarray(0, 4).toString('latin1') !== '%PDF') {
		throw new ValueError(field, fileName, 'does not start with %PDF, so it is not a PDF', 'Upload the certificate of insurance as a PDF.');
	}
	if (file.data.length > MAX_CERTIFICATE_BYTES) {
		throw new ValueError(
			field,
			`${(file.data.length / 1024 / 1024).toFixed(1)} MB`,
			'is larger than 1099Policy\'s 15 MB limit',
			'Compress the PDF or upload a smaller scan.',
		);
	}
	return { data: file.data, fileName, mimeType: 'application/pdf' };
}

/** Serialises parts as RFC 7578 multipart/form-data. */
export function encodeMultipart(parts: MultipartPart[], boundary = `----ten99policy${randomBytes(12).toString('hex')}`): {
	body: Buffer;
	contentType: string;
} {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const name = escapeQuoted(part.name);
		if (typeof part.value === 'string') {
			chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${part.value}\r\n`, 'utf8'));
		} else {
			const fileName = escapeQuoted(part.value.fileName ?? 'file');
			chunks.push(
				Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\n` +
						`Content-Type: ${part.value.mimeType ?? 'application/octet-stream'}\r\n\r\n`,
					'utf8',
				),
				part.value.data,
				Buffer.from('\r\n', 'utf8'),
			);
		}
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function escapeQuoted(text: string): string {
	return text.replace(/[\r\n"]/g, (c) => (c === '"' ? '%22' : ' '));
}
