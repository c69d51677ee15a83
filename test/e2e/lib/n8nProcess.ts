/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import type { N8nInstall } from './n8nInstall';
import { sleep, waitFor } from './wait';

/**
 * Every n8n process this run started and that is still alive. If the harness dies (an uncaught error, Ctrl-C,
 * CI's timeout), they are killed with it instead of staying behind on their ports.
 */
const children = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of children) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
	children.add(child);
	child.on('exit', () => children.delete(child));
	return child;
}

export interface N8nEnvOptions {
	userFolder: string;
	port: number;
	/** Port of n8n's task broker; each n8n process needs its own so a CLI run never collides with the server. */
	brokerPort: number;
	encryptionKey: string;
}

/**
 * The environment every n8n process of the run gets: its own user folder and sqlite file, a free port, and
 * everything that would phone home (telemetry, version checks, templates, banners) switched off, because the
 * machine has no network and CI must not depend on one.
 */
export function n8nEnv(install: N8nInstall, options: N8nEnvOptions): NodeJS.ProcessEnv {
	const base = `http://127.0.0.1:${options.port}`;
	return {
		PATH: [...install.pathPrefix, process.env.PATH ?? ''].join(':'),
		HOME: options.userFolder,
		LANG: 'C.UTF-8',
		TZ: 'UTC',
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: options.encryptionKey,
		DB_TYPE: 'sqlite',
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: base,
		WEBHOOK_URL: `${base}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Code nodes run in n8n's task runner, a child process n8n starts itself (always on in n8n 2.x, where
		// N8N_RUNNERS_ENABLED is deprecated). Its broker port must be free, hence one per process.
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_LOG_LEVEL: 'info',
		// Stopping n8n between phases should not wait for the default 30 s grace period.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_LOG_OUTPUT: 'console',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		CI: 'true',
	};
}

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs one n8n CLI command to completion (import:*, execute, ...), appending its output to `logFile`. */
export async function runN8nCli(install: N8nInstall, env: NodeJS.ProcessEnv, args: string[], logFile: string, timeoutMs = 180_000): Promise<CliResult> {
	appendFileSync(logFile, `\n$ n8n ${args.join(' ')}\n`);
	const child = spawn(install.node, [install.bin, ...args], { env, cwd: install.dir, stdio: ['ignore', 'pipe', 'pipe'] });
	track(child);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk;
		appendFileSync(logFile, chunk);
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk;
		appendFileSync(logFile, chunk);
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearTimeout(timer);
	return { code, stdout, stderr };
}

const READY_LINE = 'Editor is now accessible via';

/** The n8n command a server runs and the line it prints once ready (queue mode: `worker`, `webhook`). */
export interface N8nCommand {
	args: string[];
	readyLine: string;
}
export const START: N8nCommand = { args: ['start'], readyLine: READY_LINE };

/** A running `n8n start` (or another long-running n8n command). */
export class N8nServer {
	private output = '';

	private constructor(
		private readonly child: ChildProcess,
		readonly baseUrl: string,
	) {}

	static async start(install: N8nInstall, env: NodeJS.ProcessEnv, logFile: string, command: N8nCommand = START): Promise<N8nServer> {
		writeFileSync(logFile, `$ n8n ${command.args.join(' ')} (n8n ${install.version}, ${install.node})\n`, { flag: 'a' });
		const child = spawn(install.node, [install.bin, ...command.args], { env, cwd: install.dir, stdio: ['ignore', 'pipe', 'pipe'] });
		track(child);
		const server = new N8nServer(child, String(env.N8N_EDITOR_BASE_URL));
		const collect = (chunk: Buffer) => {
			server.output += chunk;
			appendFileSync(logFile, chunk);
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		let exited: number | null | undefined;
		child.on('exit', (code) => (exited = code));
		// n8n listens (and /healthz answers) before migrations and REST routes are ready; this line comes last.
		try {
			await waitFor(
				`n8n ${install.version} ${command.args[0]} to print "${command.readyLine}"`,
				async () => {
					if (exited !== undefined) throw new Error(`n8n ${command.args[0]} exited with ${exited}:\n${server.output.slice(-3000)}`);
					return server.output.includes(command.readyLine) ? true : undefined;
				},
				180_000,
				500,
			);
		} catch (error) {
			child.kill('SIGKILL');
			throw error;
		}
		return server;
	}

	/** The server's process id (e.g. to read its CPU time from /proc). */
	get pid(): number | undefined {
		return this.child.pid;
	}

	/** Everything n8n printed so far (stdout and stderr). */
	get log(): string {
		return this.output;
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.on('exit', resolve));
		this.child.kill('SIGTERM');
		const stopped = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
		if (!stopped) {
			this.child.kill('SIGKILL');
			await exited;
		}
	}
}
