/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run test:all` on a developer's machine: the e2e run takes the Chromium or Chrome already installed
 * (test/e2e/find-chromium.sh) instead of needing root and apt, and says how to get one when it finds none.
 */
const script = join(__dirname, '../e2e/find-chromium.sh');
const dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function executable(name: string): string {
	const path = join(dir, name);
	writeFileSync(path, '#!/bin/sh\necho "Google Chrome 131"\n');
	chmodSync(path, 0o755);
	return path;
}
const find = (env: Record<string, string>) => spawnSync('/bin/bash', [script], { env: { HOME: dir, ...env }, encoding: 'utf8' });

describe('test/e2e/find-chromium.sh', () => {
	it('takes CHROMIUM_PATH first', () => {
		const chrome = executable('my-chrome');
		const result = find({ CHROMIUM_PATH: chrome, PATH: '/usr/bin:/bin' });
		expect([result.status, result.stdout.trim()]).toEqual([0, chrome]);
	});

	it('finds google-chrome on PATH', () => {
		const chrome = executable('google-chrome');
		const result = find({ PATH: dir });
		expect([result.status, result.stdout.trim()]).toEqual([0, chrome]);
	});

	it('stops with one line saying what to do when CHROMIUM_PATH is not a browser', () => {
		const result = find({ CHROMIUM_PATH: join(dir, 'missing'), PATH: '/usr/bin:/bin' });
		expect(result.status).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^CHROMIUM_PATH=.*missing is not an executable: point it at your chromium or google-chrome binary\.$/)]);
	});
});
