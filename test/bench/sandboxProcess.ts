/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { sandboxClient, type SandboxClient } from '../sandbox/client';
import type { FaultOptions } from '../sandbox/faults';
import type { RequestLogEntry, SandboxState } from '../sandbox/types';

/**
 * The 1099Policy sandbox in its own process (`test/sandbox/cli.ts`), driven through its admin API, so a benchmark's
 * wall time, CPU and memory are the node's alone and not shared with the server it talks to.
 */
export interface SandboxProcess {
	url: string;
	api: SandboxClient;
	setFaults(faults: Partial<FaultOptions>): Promise<void>;
	reset(): Promise<void>;
	requests(): Promise<RequestLogEntry[]>;
	clearRequests(): Promise<void>;
	state(): Promise<SandboxState>;
	stop(): Promise<void>;
}

const ROOT = join(__dirname, '../..');

export async function startSandboxProcess(): Promise<SandboxProcess> {
	const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/cli.ts', '--port', '0'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.once('exit', (code) => reject(new Error(`The sandbox exited with code ${code} before listening: ${output}`)));
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match) resolve(match[1]);
		});
	});
	child.removeAllListeners('exit');
	const api = sandboxClient(url, { key: 't9k_test_bench' });
	const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await api.admin<T>(method, path, body);
		if (response.status !== 200) throw new Error(`Sandbox admin ${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
		return response.body;
	};
	return {
		url,
		api,
		setFaults: async (faults) => void (await admin('PUT', '/faults', faults)),
		reset: async () => void (await admin('POST', '/reset')),
		requests: () => admin<RequestLogEntry[]>('GET', '/requests'),
		clearRequests: async () => void (await admin('DELETE', '/requests')),
		state: () => admin<SandboxState>('GET', '/state'),
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}
