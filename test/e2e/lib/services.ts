/* eslint-disable no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { startJobDivaStandin, type JobDivaStandin } from '../../jobdiva-standin';
import { startSandbox, type Sandbox } from '../../sandbox';
import { RETURNING, seedReturningContractor } from '../../demo/scenario';
import { fixturesForToday } from '../../demo/timeShift';

export interface Services {
	sandbox: Sandbox;
	jobDiva: JobDivaStandin;
	/**
	 * Puts the sandbox's clock back in step with the real one (n8n's), after a scenario moved it ahead. 1099Policy's
	 * and n8n's clocks agree in life; a sandbox ahead by hours signs its deliveries with timestamps the trigger
	 * rightly refuses (outside the 5-minute tolerance).
	 */
	clockInStep(): void;
	stop(): Promise<void>;
}

/**
 * A fresh 1099Policy sandbox (test/sandbox) and JobDiva stand-in (test/jobdiva-standin, default fixtures moved to
 * today) for one n8n version, in this process, on free ports of 127.0.0.1, with the demo's story: Jordan Lee is a
 * returning contractor (test/demo/scenario.ts). Webhook retries are quick, so a refused delivery does not keep the
 * run waiting.
 */
export async function startServices(): Promise<Services> {
	// The sandbox's clock is its `now` option plus how far advanceClock moved it; `behind` takes that back out.
	let behind = 0;
	const sandbox = await startSandbox({ port: 0, now: () => Date.now() - behind, webhooks: { maxAttempts: 3, backoffMs: 200, timeoutMs: 10_000 } });
	const jobDiva = await startJobDivaStandin({ port: 0, fixtures: fixturesForToday() });
	await seedReturningContractor(sandbox.url);
	console.log(`    1099Policy sandbox on ${sandbox.url}, JobDiva stand-in on ${jobDiva.url}; ${RETURNING.firstName} ${RETURNING.lastName} seeded as a returning contractor`);
	return {
		sandbox,
		jobDiva,
		clockInStep() {
			behind = sandbox.clock().offsetMs;
		},
		async stop() {
			await jobDiva.stop();
			await sandbox.stop();
		},
	};
}
