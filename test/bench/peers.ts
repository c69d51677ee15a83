/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCommunityPackage } from '../e2e/lib/communityPackage';
import { waitForExecution } from '../e2e/lib/executionData';
import { n8nInstall, REPO_ROOT } from '../e2e/lib/n8nInstall';
import { n8nEnv, N8nServer, runN8nCli } from '../e2e/lib/n8nProcess';
import { N8nRest } from '../e2e/lib/n8nRest';
import { freePort } from '../e2e/lib/ports';
import { figure, heading, judge, type BenchResult, type Judgement } from './report';
import { startSandboxProcess } from './sandboxProcess';

/**
 * `npm run bench -- peers`: side by side in one real n8n (the e2e's install in .cache/n8n/<version>, default 2.8.4;
 * PEERS_N8N=2.40.7 for the other), 1,000 contractor creates against the sandbox answering after 25 ms, through
 *   - our 1099Policy node, Contractor → Create, Requests in Parallel not added (adaptive, up to 64 at once), and
 *     (without a limit only) with Requests in Parallel 4, the number it used to send at once;
 *   - n8n's HTTP Request node set up as a user would (POST with the 1099Policy API credential), defaults: it sends
 *     every item's request at once;
 *   - the same with Batching 4 items, no interval;
 * under (a) no limit, (b) a limit of 50 requests/s and (c) 10 requests/s per API key (the sandbox's token bucket, one
 * second's burst, 429 with Retry-After). Every node continues on fail, so a failed item is counted, not fatal. Time is
 * n8n's own execution time of the API node. Targets (issue 19): (a) ours ≥ 0.8 of the HTTP Request node's throughput;
 * (b), (c) ours ≥ 0.9 of the limit with 0 failed items. PEERS_COUNT changes the 1,000; PEERS_LIMITS (e.g. "0,50")
 * the limits.
 */

const COUNT = Number(process.env.PEERS_COUNT ?? 1000);
const LATENCY_MS = 25;
const LIMITS = (process.env.PEERS_LIMITS ?? '0,50,10').split(',').map(Number);
const VERSION = process.env.PEERS_N8N ?? '2.8.4';
const API_KEY = 't9k_test_peers';

type Variant = 'ours' | 'ours4' | 'http' | 'httpBatched';
const VARIANTS: Record<Variant, string> = {
	ours: '1099Policy node (adaptive)',
	ours4: '1099Policy node (Requests in Parallel 4)',
	http: 'HTTP Request (defaults)',
	httpBatched: 'HTTP Request (batch 4, no interval)',
};

const CREDENTIAL = { id: 'peersTen99PolicyApi', name: '1099Policy API account' };

function workflow(variant: Variant, count: number, sandboxUrl: string): Record<string, unknown> {
	const api =
		variant === 'ours' || variant === 'ours4'
			? {
					type: 'n8n-nodes-ten99policy.ten99Policy',
					typeVersion: 1,
					parameters: {
						resource: 'contractor',
						operation: 'create',
						first_name: '={{ "Casey" + $json.n }}',
						last_name: 'Nguyen',
						email: '={{ "peer." + $json.n + "@example.net" }}',
						options: {
							idempotencyKey: '={{ "jobdiva-candidate-" + (5000 + $json.n) }}',
							...(variant === 'ours4' ? { concurrency: 4 } : {}),
						},
					},
				}
			: {
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					parameters: {
						method: 'POST',
						url: `${sandboxUrl}/api/v1/contractors`,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'ten99PolicyApi',
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '={{ JSON.stringify({ first_name: "Casey" + $json.n, last_name: "Nguyen", email: "peer." + $json.n + "@example.net" }) }}',
						options: variant === 'httpBatched' ? { batching: { batch: { batchSize: 4, batchInterval: 0 } } } : {},
					},
				};
	return {
		id: `peers${variant}${count}`,
		name: `peers ${variant} ${count}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'trigger', name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'numbers',
				name: 'Numbers',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { assignments: { assignments: [{ id: 'n', name: 'n', value: `={{ Array.from({ length: ${count} }, (_, i) => i) }}`, type: 'array' }] }, options: {} },
			},
			{ id: 'items', name: 'Items', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'n', options: {} } },
			{ id: 'api', name: 'API', position: [600, 0], onError: 'continueRegularOutput', credentials: { ten99PolicyApi: CREDENTIAL }, ...api },
		],
		connections: {
			Run: { main: [[{ node: 'Numbers', type: 'main', index: 0 }]] },
			Numbers: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'API', type: 'main', index: 0 }]] },
		},
	};
}

interface Outcome {
	ms: number;
	/** CPU time of the n8n process during the run, per item (ms). */
	cpuPerItem: number;
	failed: number;
	created: number;
	limited: number;
}

/** User + system CPU time of a process so far, in ms (Linux /proc; 0 elsewhere). */
function processCpuMs(pid: number | undefined): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		// utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return 0;
	}
}

export async function benchPeers(): Promise<BenchResult> {
	heading(`Peers: ${COUNT} contractor creates in real n8n ${VERSION}, sandbox latency ${LATENCY_MS} ms, limits ${LIMITS.map((l) => (l ? `${l}/s` : 'none')).join(', ')}`);
	const install = n8nInstall(VERSION, false);
	const workDir = mkdtempSync(join(tmpdir(), `n8n-peers-${VERSION}-`));
	console.log(`  work folder ${workDir} (n8n logs there)`);
	console.log('  building and packing the package …');
	execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = join(workDir, execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', workDir], { cwd: REPO_ROOT, encoding: 'utf8' }).trim().split('\n').pop()!);
	const userFolder = join(workDir, 'user');
	const env = n8nEnv(install, { userFolder, port: await freePort(), brokerPort: await freePort(), encryptionKey: 'peers-encryption-key-0123456789abcdef' });
	const sandbox = await startSandboxProcess();
	const outcomes = new Map<string, Outcome>();
	try {
		installCommunityPackage(join(userFolder, '.n8n'), tarball, env);
		const cliLog = join(workDir, 'n8n-cli.log');
		const credentialsFile = join(workDir, 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify([{ ...CREDENTIAL, type: 'ten99PolicyApi', data: { apiKey: API_KEY, environment: 'sandbox', baseUrl: sandbox.url } }]));
		const imported = await runN8nCli(install, env, ['import:credentials', `--input=${credentialsFile}`], cliLog);
		if (imported.code !== 0) throw new Error(`n8n import:credentials failed (log ${cliLog})`);
		const variants = Object.keys(VARIANTS) as Variant[];
		const workflowsFile = join(workDir, 'workflows.json');
		// A warm-up of 100 per variant first, unmeasured, so loading and JIT count against none.
		writeFileSync(workflowsFile, JSON.stringify(variants.flatMap((v) => [workflow(v, 100, sandbox.url), workflow(v, COUNT, sandbox.url)])));
		const workflows = await runN8nCli(install, env, ['import:workflow', `--input=${workflowsFile}`], cliLog);
		if (workflows.code !== 0) throw new Error(`n8n import:workflow failed (log ${cliLog})`);

		const server = await N8nServer.start(install, env, join(workDir, 'n8n-server.log'));
		try {
			const rest = new N8nRest(server.baseUrl);
			await rest.setupOwner();
			await rest.login();
			const run = async (variant: Variant, count: number, limit: number): Promise<Outcome> => {
				await sandbox.reset();
				await sandbox.setFaults({ latencyMs: LATENCY_MS, rateLimitPerSecond: limit });
				const stored = await rest.workflow(`peers${variant}${count}`);
				const cpuBefore = processCpuMs(server.pid);
				const started = await rest.runManually(stored, 'Run');
				if (!started.executionId) throw new Error(`${variant}: n8n started no execution (${JSON.stringify(started)})`);
				const execution = await waitForExecution(install, rest, started.executionId, 15 * 60_000);
				const items = execution.items('API');
				if (items.length !== count) throw new Error(`${variant}: the API node put out ${items.length} items, not ${count} (${execution.error ?? execution.failedNodes.join('; ')})`);
				const cpuPerItem = (processCpuMs(server.pid) - cpuBefore) / count;
				const requests = await sandbox.requests();
				return {
					ms: execution.runTimeMs('API'),
					cpuPerItem,
					failed: items.filter((item) => item.error !== undefined).length,
					created: (await sandbox.state()).contractors.length,
					limited: requests.filter((r) => r.status === 429).length,
				};
			};
			for (const variant of variants) await run(variant, 100, 0);
			console.log(`  time: n8n's execution time of the API node; CPU: the n8n process's user + system time during the run`);
			for (const limit of LIMITS) {
				console.log(`\n  limit ${limit ? `${limit} requests/s (burst ${limit})` : 'none'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
				// Requests in Parallel 4 (the old fixed default, now "at most 4") only without a limit: the before figure.
				for (const variant of variants.filter((v) => v !== 'ours4' || limit === 0)) {
					const outcome = await run(variant, COUNT, limit);
					outcomes.set(`${variant}/${limit}`, outcome);
					const perSecond = COUNT / (outcome.ms / 1000);
					figure(
						`  ${VARIANTS[variant]}`,
						`${(outcome.ms / 1000).toFixed(2)} s, ${perSecond.toFixed(0)} items/s, ${outcome.failed} failed, ${outcome.created} created, ${outcome.limited} × 429, n8n CPU ${outcome.cpuPerItem.toFixed(2)} ms/item`,
					);
				}
			}
		} finally {
			await server.stop();
		}
	} finally {
		await sandbox.stop();
	}

	const judgements: Judgement[] = [];
	const throughput = (key: string) => COUNT / (outcomes.get(key)!.ms / 1000);
	for (const limit of LIMITS) {
		const ours = outcomes.get(`ours/${limit}`);
		if (!ours) continue;
		if (limit === 0) {
			const best = Math.max(throughput('http/0'), throughput('httpBatched/0'));
			const share = throughput('ours/0') / best;
			judgements.push(judge('no limit: ours / best HTTP Request throughput', share.toFixed(2), '≥ 0.80', share >= 0.8));
		} else {
			const share = throughput(`ours/${limit}`) / limit;
			judgements.push(judge(`${limit}/s: ours / limit (${ours.failed} failed)`, share.toFixed(2), '≥ 0.90, 0 failed', share >= 0.9 && ours.failed === 0));
		}
	}
	return { name: `peers (n8n ${VERSION})`, judgements, note: `${COUNT} creates, ${LATENCY_MS} ms latency` };
}
