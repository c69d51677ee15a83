/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the hostile server saw it. */
export interface Seen {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	body: string;
}

export interface HostileServer {
	url: string;
	requests: Seen[];
	/** Answers with `handle`, replaced per test. */
	handle: (seen: Seen, res: ServerResponse) => void;
	close(): Promise<void>;
}

/**
 * A small local HTTP server that answers as badly as a test wants: echoing what it was sent, dripping bytes,
 * cycling cursors. Sockets are destroyed on close, so a server that never answers does not hold the test up.
 */
export async function startHostileServer(): Promise<HostileServer> {
	const sockets = new Set<import('node:net').Socket>();
	const state: HostileServer = {
		url: '',
		requests: [],
		handle: (_seen, res) => res.writeHead(404).end(),
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const seen: Seen = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			state.requests.push(seen);
			state.handle(seen, res);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return state;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The ways a server can echo a text back: as sent, JSON-escaped, URL-encoded, HTML-escaped. */
export const ECHO_FORMS = {
	raw: (text: string) => text,
	json: (text: string) => JSON.stringify(text).slice(1, -1),
	url: (text: string) => encodeURIComponent(text),
	form: (text: string) => new URLSearchParams({ q: text }).toString().slice(2),
	html: (text: string) => text.replace(/[&<>"']/g, (c) => HTML[c]),
} as const;
export type EchoForm = keyof typeof ECHO_FORMS;

/**
 * Every 6-character piece of a secret's alphanumeric runs (its public prefix left out), so a secret shown whole, in
 * part, cut at a limit or in any encoding that keeps letters and digits is found.
 */
export function secretPieces(secrets: string[], publicPrefixes: string[] = []): string[] {
	const pieces = new Set<string>();
	for (const secret of secrets) {
		let rest = secret;
		for (const prefix of publicPrefixes) if (rest.startsWith(prefix)) rest = rest.slice(prefix.length);
		for (const run of rest.match(/[A-Za-z0-9]{6,}/g) ?? []) for (let i = 0; i + 6 <= run.length; i++) pieces.add(run.slice(i, i + 6));
	}
	return [...pieces];
}

export function leaksIn(texts: Record<string, string>, pieces: string[]): string[] {
	return Object.entries(texts).flatMap(([where, text]) => pieces.filter((piece) => text.includes(piece)).map((piece) => `"${piece}" in ${where}`));
}
