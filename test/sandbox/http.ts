/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors';

/** Uploads may be 15 MB plus form framing; anything far beyond is refused without buffering it. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new ApiError(413, 'invalid_file_size', `The request body is larger than ${limit} bytes`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
	res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
	res.end(html);
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function header(req: IncomingMessage, name: string): string | undefined {
	// The headers read here are never repeated, so Node gives them as one string.
	const value = req.headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}
