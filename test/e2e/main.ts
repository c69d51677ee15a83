/* eslint-disable no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * End-to-end run in real n8n installs: `node --import tsx test/e2e/main.ts --tarball <packed .tgz>`.
 * run.sh builds, packs and installs n8n first; this file runs every phase per n8n version and prints the tally.
 */
import { n8nInstall } from './lib/n8nInstall';
import { Report, seconds } from './lib/report';
import { argument, runScript, tally } from './lib/script';
import { runVersion } from './runVersion';

/** 2.8.4: the newest n8n that runs on Node 20. 2.40.7: a current n8n, on Node 24; the screenshots come from it. */
const VERSIONS = [
	{ version: '2.8.4', screenshots: false },
	{ version: '2.40.7', screenshots: true },
];

async function main(): Promise<number> {
	const tarball = argument('tarball');
	if (!tarball) throw new Error('usage: main.ts --tarball <n8n-nodes-ten99policy-x.y.z.tgz> [--versions 2.8.4,2.40.7]');
	const only = argument('versions')?.split(',');
	const reports: Report[] = [];
	for (const { version, screenshots } of VERSIONS.filter((v) => !only || only.includes(v.version))) {
		const report = new Report(`[n8n ${version}]`);
		reports.push(report);
		const started = Date.now();
		await report.phase('all phases', async () => runVersion(n8nInstall(version, screenshots), tarball, report));
		console.log(`\n■ n8n ${version}: ${report.passed} passed, ${report.failed} failed in ${seconds(Date.now() - started)}`);
	}
	return tally(reports);
}

runScript(main);
