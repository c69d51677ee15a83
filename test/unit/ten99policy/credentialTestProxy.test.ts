/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialTestContext } from 'n8n-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ten99PolicyApiTest } from '../../../nodes/Ten99Policy/methods';

/**
 * Behind a corporate proxy n8n reaches the internet only through HTTP_PROXY. The credential test must take the
 * same route as the node's requests (n8n's request helper), not global fetch, which ignores the proxy. Here the
 * proxy on localhost answers as 1099Policy itself, and the base URL points at a closed port: the test can only
 * pass through the proxy.
 */
const SECRET = 't9k_test_PROXYsecret_31f0';
let proxy: Server;
const seen: Array<{ url: string; authorization?: string; environment?: string }> = [];

beforeAll(async () => {
	proxy = createServer((request: IncomingMessage, response) => {
		// A forward proxy receives the absolute URL of the target.
		seen.push({ url: request.url ?? '', authorization: request.headers.authorization, environment: request.headers['ten99policy-environment'] as string });
		response.writeHead(200, { 'content-type': 'application/json' }).end('[]');
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
afterEach(() => vi.unstubAllEnvs());

describe('1099Policy credential test behind a proxy', () => {
	it('goes through the HTTP proxy n8n is configured with', async () => {
		const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
		for (const name of ['HTTP_PROXY', 'http_proxy']) vi.stubEnv(name, proxyUrl);
		for (const name of ['NO_PROXY', 'no_proxy']) vi.stubEnv(name, '');
		const result = await ten99PolicyApiTest.call(new CredentialTestContext(), {
			id: '1',
			name: '1099Policy',
			type: 'ten99PolicyApi',
			data: { apiKey: SECRET, environment: 'sandbox', baseUrl: 'http://localhost:1' },
		});
		expect(result).toEqual({ status: 'OK', message: 'Connected to 1099Policy (sandbox)' });
		expect(seen).toEqual([{ url: 'http://localhost:1/api/v1/contractors?limit=1', authorization: `Bearer ${SECRET}`, environment: 'sandbox' }]);
	});
});
