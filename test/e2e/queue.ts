/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * The templates in n8n's queue mode (issue #17): `node --import tsx test/e2e/queue.ts --tarball <packed .tgz>`, run by
 * run.sh after the normal versions, once PostgreSQL and Redis answer (test/e2e/queue-services.sh). One n8n 2.40.7:
 *   - a fresh Postgres database, Redis (a key prefix of its own), EXECUTIONS_MODE=queue, one N8N_ENCRYPTION_KEY;
 *   - one main process (`n8n start`: editor, REST, activation, pollers; it serves no production webhooks), two workers
 *     (`n8n worker`: every execution, manual ones too) and two webhook processes (`n8n webhook`) behind a round-robin
 *     proxy in this harness, which is the WEBHOOK_URL n8n gives 1099Policy;
 *   - the package installed once, as n8n installs community packages, in the user folder all five processes share.
 * Then: the placement template over a placement's life (ledger in Postgres, exact calls and states, on the workers),
 * the compliance template under a storm of 1,000 signed events with redeliveries and forgeries, the poller's firings.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { installCommunityPackage } from './lib/communityPackage';
import { e2eCredentials, writeCredentialsFile } from './lib/credentials';
import { n8nInstall } from './lib/n8nInstall';
import { n8nEnv, N8nServer, runN8nCli } from './lib/n8nProcess';
import { N8nRest } from './lib/n8nRest';
import { freePort } from './lib/ports';
import { PG, QueueDatabase } from './lib/queueDatabase';
import { Report, seconds } from './lib/report';
import { argument, runScript, tally } from './lib/script';
import { startServices } from './lib/services';
import { templateFiles } from './lib/templates';
import { startWebhookProxy } from './lib/webhookProxy';
import { checkLoadErrors, loadErrorLines } from './phases/loadErrors';
import { checkLoadedNodes } from './phases/loadedNodes';
import { checkPlacementFlow } from './phases/placement';
import { checkQueuePoller, checkQueueStorm, STORM_EVENTS } from './phases/queueStorm';
import { bindImportedWorkflows } from './phases/workflows';
import type { VersionRun } from './runVersion';

export const QUEUE_VERSION = '2.40.7';
/** Jobs one worker runs at once (`n8n worker --concurrency`). */
export const WORKER_CONCURRENCY = 10;

/**
 * The environment of every process of the queue-mode instance (on top of the e2e's usual n8nEnv): what n8n's scaling
 * docs and packages/cli (commands/worker.ts, commands/webhook.ts, scaling/) need — the same database, Redis, encryption
 * key and user folder for all; its own port and task-broker port per process.
 */
export function queueEnv(base: NodeJS.ProcessEnv, database: string, redisPrefix: string, webhookUrl: string): NodeJS.ProcessEnv {
	return {
		...base,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: PG.host,
		DB_POSTGRESDB_PORT: String(PG.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: PG.user,
		DB_POSTGRESDB_PASSWORD: PG.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: '6379',
		QUEUE_BULL_PREFIX: redisPrefix,
		// n8n's cache lives in Redis in queue mode (workflow → project, webhooks): keys of an earlier run with the same
		// workflow IDs would point a Data table node at a project of a dropped database.
		N8N_REDIS_KEY_PREFIX: redisPrefix,
		// Manual runs ("Execute workflow") go to the workers too, as they always will from n8n 3.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Production webhooks are served by the webhook processes only.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		WEBHOOK_URL: `${webhookUrl}/`,
	};
}

export interface QueueInstance {
	main: N8nServer;
	workers: N8nServer[];
	webhooks: N8nServer[];
	logs: string[];
	stop(): Promise<void>;
}

/** Starts the main process (it runs the migrations), then the workers and webhook processes at once. */
export async function startQueueInstance(install: ReturnType<typeof n8nInstall>, env: NodeJS.ProcessEnv, workDir: string, workers: number, webhookPorts: number[], concurrency = WORKER_CONCURRENCY): Promise<QueueInstance> {
	const own = async (port: number) => ({ ...env, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
	const logs = [join(workDir, 'n8n-main.log')];
	const main = await N8nServer.start(install, env, logs[0]);
	const started: N8nServer[] = [main];
	try {
		const workerServers = Promise.all(
			Array.from({ length: workers }, async (_, i) => {
				const log = join(workDir, `n8n-worker-${i + 1}.log`);
				logs.push(log);
				const server = await N8nServer.start(install, await own(await freePort()), log, { args: ['worker', `--concurrency=${concurrency}`], readyLine: 'n8n worker is now ready' });
				started.push(server);
				return server;
			}),
		);
		const webhookServers = Promise.all(
			webhookPorts.map(async (port, i) => {
				const log = join(workDir, `n8n-webhook-${i + 1}.log`);
				logs.push(log);
				const server = await N8nServer.start(install, await own(port), log, { args: ['webhook'], readyLine: 'Webhook listener waiting for requests' });
				started.push(server);
				return server;
			}),
		);
		const [w, h] = await Promise.all([workerServers, webhookServers]);
		return { main, workers: w, webhooks: h, logs, stop: async () => void (await Promise.all(started.map((s) => s.stop()))) };
	} catch (error) {
		await Promise.all(started.map((s) => s.stop()));
		throw error;
	}
}

async function main(): Promise<number> {
	const tarball = argument('tarball');
	if (!tarball) throw new Error('usage: queue.ts --tarball <n8n-nodes-ten99policy-x.y.z.tgz>');
	const install = n8nInstall(QUEUE_VERSION, false);
	const report = new Report(`[queue ${QUEUE_VERSION}]`);
	const begun = Date.now();
	const workDir = mkdtempSync(join(tmpdir(), `n8n-e2e-queue-`));
	const userFolder = join(workDir, 'user');
	const tag = `n8n_e2e_queue_${process.pid}`;
	const webhookPorts = [await freePort(), await freePort()];
	const proxy = await startWebhookProxy(webhookPorts.map((p) => `http://127.0.0.1:${p}`));
	const base = n8nEnv(install, { userFolder, port: await freePort(), brokerPort: await freePort(), encryptionKey: 'e2e-queue-encryption-key-0123456789' });
	const db = await QueueDatabase.create(install, tag);
	const env = queueEnv(base, db.name, tag, proxy.url);
	console.log(`  n8n ${install.version} in queue mode: database ${db.name}, Redis prefix ${tag}, webhook proxy ${proxy.url} → ${webhookPorts.join(', ')}; work folder ${workDir}`);
	const services = await startServices();
	const run: VersionRun = { install, report, workDir, env, serverLog: join(workDir, 'n8n-main.log'), cliLog: join(workDir, 'n8n-cli.log'), services, workflows: [], nodeTypes: [] };
	let instance: QueueInstance | undefined;
	try {
		await report.phase('install the packed package into the shared <user folder>/.n8n/nodes', async () => installCommunityPackage(join(userFolder, '.n8n'), tarball, env));
		const credentials = e2eCredentials(services.sandbox.url, services.jobDiva.url);
		const templates = templateFiles();
		await report.phase('import credentials and templates with the n8n CLI (into Postgres)', async () => {
			const file = join(workDir, 'credentials.json');
			writeCredentialsFile(file, credentials);
			report.equal('import:credentials exits 0', (await runN8nCli(install, env, ['import:credentials', `--input=${file}`], run.cliLog)).code, 0);
			// One CLI run for all templates (each n8n CLI start costs ~20 s on a loaded 2-core machine).
			const folder = dirname(templates[0].file);
			const imported = await runN8nCli(install, env, ['import:workflow', '--separate', `--input=${folder}`], run.cliLog);
			report.equal(`import:workflow --separate --input=${folder} exits 0 (${templates.length} templates)`, imported.code, 0);
		});
		instance = await report.phase('start one main, two workers and two webhook processes', () => startQueueInstance(install, env, workDir, 2, webhookPorts));
		if (!instance) return 1;
		const rest = new N8nRest(instance.main.baseUrl);
		await report.phase('owner setup and login', async () => {
			await rest.setupOwner();
			await rest.login();
		});
		const types = await report.phase('GET /types/nodes.json lists our node types', () => checkLoadedNodes(run, rest));
		await report.phase('bind the imported credentials', async () => {
			run.workflows = await bindImportedWorkflows(run, rest, templates, types ?? [], credentials);
		});
		await report.phase('placement flow on the workers, over a placement\'s life (ledger in Postgres)', () => checkPlacementFlow(run, rest));
		const poller = report.phase('the poller, active on "every minute", over 2 minutes', () => checkQueuePoller(run, rest, 2));
		await report.phase(`compliance storm: ${STORM_EVENTS} signed events, 10% redelivered, 5% forged`, () => checkQueueStorm(run, rest, proxy, db));
		await poller;
	} finally {
		await instance?.stop();
		await report.phase('n8n logs no load error for the package', async () => {
			checkLoadErrors(run);
			for (const log of instance?.logs.slice(1) ?? []) {
				report.equal(`${log.split('/').pop()} has no load error`, loadErrorLines(readFileSync(log, 'utf8')), []);
			}
		});
		await services.stop();
		await proxy.stop();
		await db.drop().catch((error: unknown) => console.log(`    (could not drop ${db.name}: ${String(error)})`));
	}
	console.log(`\n■ queue mode: ${report.passed} passed, ${report.failed} failed in ${seconds(Date.now() - begun)}`);
	return tally([report]);
}

if (require.main === module) runScript(main);
