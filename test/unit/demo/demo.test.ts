/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-regex-spaces -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

/** `npm run demo` tells the placement's life and returns to the prompt by itself, with exit code 0. */
it('npm run demo tells the story and exits 0 by itself', async () => {
	const root = join(__dirname, '../../..');
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--no-build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			resolve(null); // still running: the demo did not exit by itself
		}, 150_000);
		child.on('exit', (exitCode) => {
			clearTimeout(timer);
			resolve(exitCode);
		});
	});
	expect(code, output).toBe(0);
	expect(output).toMatch(/Template run 1 \(\d+ ms, 20 calls to 1099Policy\)/);
	expect(output).toMatch(/A day later: .*\n  0 calls to 1099Policy/);
	expect(output).toMatch(/A change: .*\n  3 calls to 1099Policy: /);
	expect(output).toMatch(/An end: .*\n  1 calls to 1099Policy: PUT \/assignments\//);
	expect(output).toMatch(/An email change: .*\n  1 calls to 1099Policy: PUT \/contractors\//);
	expect(output).toMatch(/Every placement took the expected path\./);
}, 180_000);
