/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index';

function runCli(args: string[]): { output: () => string; exited: Promise<number | null>; kill: () => void } {
	const child = spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/cli.ts', ...args], { cwd: process.cwd() });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { output: () => output, exited, kill: () => child.kill('SIGTERM') };
}

describe('npm run sandbox (cli.ts)', () => {
	it('prints its URL, serves the API, and stops cleanly on SIGTERM', async () => {
		const cli = runCli(['--port', '0', '--rate-limit', '1', '--burst', '1']);
		const started = Date.now();
		while (!/listening on (http:\/\/\S+)/.test(cli.output()) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
		const url = /listening on (http:\/\/\S+)/.exec(cli.output())![1];
		const response = await fetch(`${url}/api/v1/category_codes`, { headers: { Authorization: 'Bearer t9k_test_cli' } });
		expect(response.status).toBe(200);
		// --rate-limit 1 --burst 1: the key's second request within the second is refused.
		const limited = await fetch(`${url}/api/v1/category_codes`, { headers: { Authorization: 'Bearer t9k_test_cli' } });
		expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
		cli.kill();
		expect(await cli.exited).toBe(0);
	});

	it('exits 1 with the reason for a bad --port', async () => {
		const cli = runCli(['--port', 'abc']);
		expect(await cli.exited).toBe(1);
		expect(cli.output()).toContain('--port must be an integer from 0 to 65535, got "abc"');
	});
});

describe('startSandbox', () => {
	it('listens on IPv6 too, with a bracketed URL', async () => {
		const sandbox = await startSandbox({ host: '::1' });
		try {
			expect(sandbox.url).toBe(`http://[::1]:${sandbox.port}`);
			expect((await fetch(`${sandbox.url}/api/v1/category_codes`, { headers: { Authorization: 'Bearer k' } })).status).toBe(200);
		} finally {
			await sandbox.stop();
		}
	});

	it('rejects when the port is taken', async () => {
		const first = await startSandbox();
		try {
			await expect(startSandbox({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
		} finally {
			await first.stop();
		}
	});
});
