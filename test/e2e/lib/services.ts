import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../sandbox';
import { REPO_ROOT } from './n8nInstall';

/** A JobDiva stand-in, when the repository has one (test/jobdiva-standin/index.ts exporting startJobDivaStandIn). */
export interface JobDivaStandIn {
	url: string;
	stop(): Promise<void>;
}

export interface Services {
	sandbox: Sandbox;
	jobDiva?: JobDivaStandIn;
	stop(): Promise<void>;
}

const JOBDIVA_STANDIN = join(REPO_ROOT, 'test/jobdiva-standin/index.ts');

/**
 * A fresh 1099Policy sandbox (test/sandbox, in this process, on a free port of 127.0.0.1) and, when it exists,
 * the JobDiva stand-in, for one n8n version. Webhook retries are quick, so a refused delivery does not keep
 * the run waiting.
 */
export async function startServices(): Promise<Services> {
	// Loaded lazily so the harness's own modules can be type-checked and imported without the sandbox running.
	const { startSandbox } = (await import('../../sandbox')) as typeof import('../../sandbox');
	const sandbox = await startSandbox({ port: 0, webhooks: { maxAttempts: 3, backoffMs: 200, timeoutMs: 10_000 } });
	let jobDiva: JobDivaStandIn | undefined;
	if (existsSync(JOBDIVA_STANDIN)) {
		const module = (await import(JOBDIVA_STANDIN)) as { startJobDivaStandIn?: (options: { port: number }) => Promise<JobDivaStandIn> };
		if (typeof module.startJobDivaStandIn !== 'function') throw new Error(`${JOBDIVA_STANDIN} does not export startJobDivaStandIn()`);
		jobDiva = await module.startJobDivaStandIn({ port: 0 });
	}
	console.log(`    1099Policy sandbox on ${sandbox.url}${jobDiva ? `, JobDiva stand-in on ${jobDiva.url}` : ', no JobDiva stand-in in this checkout'}`);
	return {
		sandbox,
		jobDiva,
		async stop() {
			await jobDiva?.stop();
			await sandbox.stop();
		},
	};
}
