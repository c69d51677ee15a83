/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	body: any;
}

/**
 * A local webhook endpoint for tests and demos. It answers each POST with the next status of `statuses`
 * (the last one repeats; default 200) and keeps what it received.
 */
export async function startWebhookReceiver(statuses: number[] = [200]): Promise<{
	url: string;
	received: ReceivedWebhook[];
	stop(): Promise<void>;
}> {
	const received: ReceivedWebhook[] = [];
	let calls = 0;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody) });
			res.writeHead(statuses[Math.min(calls++, statuses.length - 1)]).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hooks/1099policy`,
		received,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
