/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * `npm run bench -- queue`: placements per second in real n8n 2.40.7 in queue mode (Postgres, Redis), with one worker
 * and then with two, at the same 1099Policy latency (the sandbox's `latencyMs`). Each placement is one execution of
 * a small workflow built from the placement template's own nodes — Webhook → *Candidate, job and placement* → *Map
 * placement* → *Client entity* → *Contractor* → *Job* → *Quote* — so a placement's work is the template's (mapping,
 * 3 API calls once the client's entity is known), and the webhook spreads the placements over executions as a poller's
 * hires would over runs. Needs what the queue-mode e2e needs: `.cache/n8n/2.40.7` (npm run test:e2e installs it),
 * PostgreSQL and Redis (test/e2e/queue-services.sh), a built package (`npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCommunityPackage } from '../e2e/lib/communityPackage';
import { e2eCredentials, writeCredentialsFile } from '../e2e/lib/credentials';
import { n8nInstall, REPO_ROOT } from '../e2e/lib/n8nInstall';
import { n8nEnv, N8nServer, runN8nCli } from '../e2e/lib/n8nProcess';
import { N8nRest } from '../e2e/lib/n8nRest';
import { freePort } from '../e2e/lib/ports';
import { QueueDatabase } from '../e2e/lib/queueDatabase';
import { startServices } from '../e2e/lib/services';
import { startWebhookProxy } from '../e2e/lib/webhookProxy';
import { QUEUE_VERSION, queueEnv, startQueueInstance } from '../e2e/queue';
import { benchRecords } from './mappingRecords';
import { figure, heading, judge, ratio, type BenchResult } from './report';

/** 1099Policy's answer time for every request, the same for both measurements. */
const LATENCY_MS = 400;
/** Jobs per worker at once: few, so a worker's slots, not the machine's 2 cores, bound the throughput. */
const CONCURRENCY = 2;
const PLACEMENTS = 24;

function benchWorkflow(): Record<string, unknown> {
	const template = JSON.parse(readFileSync(join(REPO_ROOT, 'templates/jobdiva-placement-to-1099policy.json'), 'utf8')) as { nodes: Array<Record<string, any>> };
	const node = (name: string) => template.nodes.find((n) => n.name === name)!;
	const withoutLedger = (name: string) => {
		const n = structuredClone(node(name));
		n.parameters.options = Object.fromEntries(Object.entries(n.parameters.options ?? {}).filter(([key]) => key === 'idempotencyKey'));
		return n;
	};
	const nodes = [
		{ id: 'b0', name: 'Placement in', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'b0a1c2d3-0000-4000-8000-000000000001', parameters: { httpMethod: 'POST', path: 'bench-placement', responseMode: 'onReceived', options: {} } },
		{ ...node('Candidate, job and placement'), parameters: { assignments: { assignments: ['candidate', 'job', 'placement'].map((name) => ({ id: name, name, value: `={{ $json.body.${name} }}`, type: 'object' })) }, options: {} } },
		node('Map placement'),
		{ ...node('Client entity'), parameters: { ...node('Client entity').parameters, options: {} } },
		withoutLedger('Contractor'),
		withoutLedger('Job'),
		withoutLedger('Quote'),
	];
	const chain = nodes.map((n) => n.name as string);
	const connections = Object.fromEntries(chain.slice(0, -1).map((from, i) => [from, { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }]));
	return { id: 'BenchQueuePlace1', name: 'bench: one placement per execution', nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

export async function benchQueue(): Promise<BenchResult> {
	heading(`queue mode: placements per second, one worker vs two (n8n ${QUEUE_VERSION}, sandbox latency ${LATENCY_MS} ms, --concurrency=${CONCURRENCY})`);
	execFileSync('bash', [join(REPO_ROOT, 'test/e2e/queue-services.sh')], { stdio: 'inherit' });
	const install = n8nInstall(QUEUE_VERSION, false);
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-bench-queue-'));
	const userFolder = join(workDir, 'user');
	const tag = `n8n_bench_queue_${process.pid}`;
	const webhookPort = await freePort();
	const proxy = await startWebhookProxy([`http://127.0.0.1:${webhookPort}`]);
	const db = await QueueDatabase.create(install, tag);
	const base = n8nEnv(install, { userFolder, port: await freePort(), brokerPort: await freePort(), encryptionKey: 'bench-queue-encryption-key-0123456789' });
	const env = { ...queueEnv(base, db.name, tag, proxy.url), EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' };
	const services = await startServices();
	services.sandbox.setFaults({ latencyMs: LATENCY_MS });
	const servers: N8nServer[] = [];
	try {
		const packDir = mkdtempSync(join(tmpdir(), 'n8n-bench-pack-'));
		const tarball = join(packDir, execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir], { cwd: REPO_ROOT, encoding: 'utf8' }).trim().split('\n').pop()!);
		installCommunityPackage(join(userFolder, '.n8n'), tarball, env);
		writeCredentialsFile(join(workDir, 'credentials.json'), e2eCredentials(services.sandbox.url, services.jobDiva.url));
		writeFileSync(join(workDir, 'bench.json'), JSON.stringify(benchWorkflow()));
		await runN8nCli(install, env, ['import:credentials', `--input=${join(workDir, 'credentials.json')}`], join(workDir, 'cli.log'));
		await runN8nCli(install, env, ['import:workflow', `--input=${join(workDir, 'bench.json')}`], join(workDir, 'cli.log'));
		const instance = await startQueueInstance(install, env, workDir, 1, [webhookPort], CONCURRENCY);
		servers.push(instance.main, ...instance.workers, ...instance.webhooks);
		const rest = new N8nRest(instance.main.baseUrl);
		await rest.setupOwner();
		await rest.login();
		const workflow = await rest.workflow('BenchQueuePlace1');
		await rest.activateWorkflow(workflow.id, workflow.versionId);
		const records = benchRecords(PLACEMENTS * 40).filter((r) => r.shape === 'nested BI placement');
		let used = 0;
		const measure = async (label: string): Promise<number> => {
			// One warm-up placement (the client's entity found once per worker process, connections opened).
			const batch = records.slice(used, used + PLACEMENTS + 1);
			used += batch.length;
			// Each placement ends with its POST /quotes (the benchmark's dates may lie in the past: 1099Policy then refuses the quote, after the same 3 calls).
			const quotes = () => services.sandbox.requestLog.filter((r) => r.method === 'POST' && r.path === '/api/v1/quotes').length;
			const send = (r: (typeof batch)[number]) => fetch(`${proxy.url}/webhook/bench-placement`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r.input) });
			const until = async (what: string, done: () => boolean) => {
				const deadline = Date.now() + 600_000;
				while (!done()) {
					if (Date.now() > deadline) throw new Error(`${label}: ${what} after 10 minutes`);
					await new Promise((r) => setTimeout(r, 100));
				}
			};
			let before = quotes();
			// The webhook process may answer 404 for a moment after activation: retry the warm-up until it is taken.
			for (let tries = 1, answer = await send(batch[0]); answer.status === 404; tries++, answer = await send(batch[0])) {
				if (tries >= 60) throw new Error(`${label}: the webhook answered 404 for a minute after activation`);
				await new Promise((r) => setTimeout(r, 1000));
			}
			await until('no quote for the warm-up placement', () => quotes() >= before + 1);
			before = quotes();
			const started = Date.now();
			await Promise.all(batch.slice(1).map(send));
			await until(`fewer than ${PLACEMENTS} quotes`, () => quotes() >= before + PLACEMENTS);
			const perSecond = PLACEMENTS / ((Date.now() - started) / 1000);
			figure(`${label}: ${PLACEMENTS} placements`, `${((Date.now() - started) / 1000).toFixed(1)} s, ${perSecond.toFixed(2)} placements/s`);
			return perSecond;
		};
		const one = await measure('one worker');
		const second = await N8nServer.start(install, { ...env, N8N_PORT: String(await freePort()), N8N_RUNNERS_BROKER_PORT: String(await freePort()) }, join(workDir, 'n8n-worker-2.log'), {
			args: ['worker', `--concurrency=${CONCURRENCY}`],
			readyLine: 'n8n worker is now ready',
		});
		servers.push(second);
		const two = await measure('two workers');
		const ideal = (CONCURRENCY * 1000) / (3 * LATENCY_MS);
		figure('bound per worker (slots ÷ (3 calls × latency))', `${ideal.toFixed(2)} placements/s`);
		return {
			name: 'queue',
			judgements: [judge('placements/s with two workers ÷ with one', ratio(two / one), '≥ 1.6× (close to 2×)', two / one >= 1.6)],
			note: `one worker ${one.toFixed(2)}/s, two ${two.toFixed(2)}/s; latency ${LATENCY_MS} ms, --concurrency=${CONCURRENCY}, ${PLACEMENTS} placements each`,
		};
	} finally {
		await Promise.all(servers.map((s) => s.stop()));
		await services.stop();
		await proxy.stop();
		await db.drop().catch(() => undefined);
	}
}
