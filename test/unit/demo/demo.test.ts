/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-regex-spaces -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

/** Runs `npm run demo` (without the build) with these arguments: its exit code (null: it did not exit by itself) and output. */
async function demo(...args: string[]): Promise<{ code: number | null; output: string }> {
	const root = join(__dirname, '../../..');
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--no-build', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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
	return { code, output };
}

/** `npm run demo` tells the placement's life and returns to the prompt by itself, with exit code 0. */
it('npm run demo tells the story and exits 0 by itself', async () => {
	const { code, output } = await demo();
	expect(code, output).toBe(0);
	expect(output).toMatch(/Template run 1 \(\d+ ms, 20 calls to 1099Policy\)/);
	expect(output).toMatch(/A day later: .*\n  0 calls to 1099Policy/);
	expect(output).toMatch(/A change: .*\n  3 calls to 1099Policy: /);
	expect(output).toMatch(/An end: .*\n  1 calls to 1099Policy: PUT \/assignments\//);
	expect(output).toMatch(/An email change: .*\n  1 calls to 1099Policy: PUT \/contractors\//);
	expect(output).toMatch(/Every placement took the expected path\./);
}, 180_000);

/** `npm run demo -- coi`: the COI template's story, with its call counts, and exits 0 by itself. */
it('npm run demo -- coi tells the certificate story and exits 0 by itself', async () => {
	const { code, output } = await demo('coi');
	expect(code, output).toBe(0);
	expect(output).toMatch(/COI, Jordan Lee's certificate .*\n  1 calls to 1099Policy: POST \/files\/certificates\n  webhook answer: uploaded ci_/);
	expect(output).toMatch(/COI, the same intake again .*\n  0 calls to 1099Policy\n  webhook answer: already sent/);
	expect(output).toMatch(/COI, 25 h later .*\n  0 calls to 1099Policy/);
	expect(output).toMatch(/résumé .*\n  0 calls to 1099Policy\n  webhook answer: not a certificate/);
	expect(output).toMatch(/a contractor first, then the upload\n  2 calls to 1099Policy: POST \/contractors, POST \/files\/certificates/);
	expect(output).toMatch(/the hourly check, once .*\n  3 calls to 1099Policy(.*\n){1}  Valid .*\n  Expiring within 30 days .*\n  Flagged for manual review /);
	expect(output).toMatch(/the hourly check again: nothing new\n  0 calls to 1099Policy/);
	expect(output).toMatch(/Every placement took the expected path\./);
}, 180_000);
