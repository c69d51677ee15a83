/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { STANDIN_USER } from '../jobdiva-standin';

/** The emulators as n8n's e2e uses them: started by their CLIs in another process and driven over HTTP only. */
const children: Array<() => void> = [];
afterEach(() => children.splice(0).forEach((kill) => kill()));

async function startCli(script: string, args: string[]): Promise<string> {
	const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: process.cwd() });
	children.push(() => child.kill('SIGTERM'));
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const started = Date.now();
	while (!/listening on (http:\/\/\S+)/.test(output) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
	const match = /listening on (http:\/\/\S+)/.exec(output);
	if (!match) throw new Error(`${script} did not start: ${output}`);
	return match[1];
}

const json = async (url: string, init: RequestInit = {}) => {
	const response = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
	return { status: response.status, body: (await response.json()) as any };
};

describe('emulators driven from outside the test process', () => {
	it('npm run sandbox: POST /__sandbox/clock moves the clock; a key used before is applied again after 25 h', async () => {
		const url = await startCli('test/sandbox/cli.ts', ['--port', '0']);
		const post = (key: string) =>
			json(`${url}/api/v1/entities`, { method: 'POST', headers: { Authorization: 'Bearer t9k_test_cli', 'Ten99Policy-Idempotent-Key': key }, body: JSON.stringify({ name: 'E' }) });
		const first = await post('k1');
		expect((await post('k1')).body.id).toBe(first.body.id);
		const before = await json(`${url}/__sandbox/clock`);
		const moved = await json(`${url}/__sandbox/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 25 * 3600_000 }) });
		expect(moved.body.offsetMs).toBe(25 * 3600_000);
		expect(moved.body.now - before.body.now).toBeGreaterThanOrEqual(25 * 3600_000);
		const again = await post('k1');
		expect(again.body.id).not.toBe(first.body.id);
		expect(again.body.created).toBeGreaterThanOrEqual(first.body.created + 25 * 3600);
	});

	it('npm run jobdiva-standin: POST /__standin/placements/{id}/change shows in searchStart and UpdatedHires', async () => {
		const url = await startCli('test/jobdiva-standin/cli.ts', ['0']);
		const { token } = (await json(`${url}/apiv2/v2/login`, { method: 'POST', body: JSON.stringify(STANDIN_USER) })).body;
		const changed = await json(`${url}/__standin/placements/45679/change`, {
			method: 'POST',
			body: JSON.stringify({ endDate: '2027-02-15', payRate: 115, at: '2026-12-05T10:00:00Z' }),
		});
		expect(changed.status).toBe(200);
		const auth = { Authorization: `Bearer ${token}` };
		const [start] = (await json(`${url}/apiv2/jobdiva/searchStart`, { method: 'POST', headers: auth, body: JSON.stringify({ candidateid: 12346 }) })).body;
		expect(start).toMatchObject({ 'agreed pay rate': 115, 'end date': Date.parse('2027-02-15T05:00:00Z') });
		const hires = await json(`${url}/apiv2/bi/UpdatedHires?fromDate=12/05/2026%2000:00:00&toDate=12/05/2026%2023:59:59`, { headers: auth });
		expect(hires.body.data).toEqual([{ PLACEMENTID: '45679' }]);
	});
});
