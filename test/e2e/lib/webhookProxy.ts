/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createServer, request, type Server } from 'node:http';

/** Header a test sends to pick the backend (0, 1, …) instead of the round robin (removed before forwarding); every answer carries the backend that served it. */
export const BACKEND_HEADER = 'x-e2e-backend';

export interface WebhookProxy {
	url: string;
	/** Requests forwarded to each backend so far. */
	served: number[];
	stop(): Promise<void>;
}

/**
 * The load balancer in front of n8n's webhook processes in queue mode: every request goes to the next backend in turn
 * (round robin), or to the one named by the `x-e2e-backend` header, body and answer passed through unchanged.
 */
export async function startWebhookProxy(backends: string[]): Promise<WebhookProxy> {
	const served = backends.map(() => 0);
	let next = 0;
	const server: Server = createServer((incoming, outgoing) => {
		const chosen = incoming.headers[BACKEND_HEADER];
		const index = chosen === undefined ? next++ % backends.length : Number(chosen) % backends.length;
		served[index]++;
		const headers = { ...incoming.headers };
		delete headers[BACKEND_HEADER];
		const target = new URL(incoming.url ?? '/', backends[index]);
		const forwarded = request(target, { method: incoming.method, headers }, (answer) => {
			outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, [BACKEND_HEADER]: String(index) });
			answer.pipe(outgoing);
		});
		forwarded.on('error', (error) => {
			outgoing.writeHead(502, { 'content-type': 'text/plain' });
			outgoing.end(`proxy: ${error.message}`);
		});
		incoming.pipe(forwarded);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		served,
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
