/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCommunityPackage } from './lib/communityPackage';
import { e2eCredentials, writeCredentialsFile } from './lib/credentials';
import type { N8nInstall } from './lib/n8nInstall';
import { n8nEnv, N8nServer, runN8nCli } from './lib/n8nProcess';
import { N8nRest, type NodeTypeDescription } from './lib/n8nRest';
import { freePort } from './lib/ports';
import type { Report } from './lib/report';
import { startServices, type Services } from './lib/services';
import { templateFiles } from './lib/templates';
import { checkComplianceFlow } from './phases/compliance';
import { checkCoverageFlow } from './phases/coverage';
import { checkCredentialTests } from './phases/credentialTests';
import { checkEditor } from './phases/editor';
import { checkHttpRequestCredentials, checkJobDivaErrorOutput } from './phases/httpRequest';
import { checkLoadErrors } from './phases/loadErrors';
import { checkLoadedNodes } from './phases/loadedNodes';
import { checkPlacementEndings, checkPlacementFlow } from './phases/placement';
import { bindImportedWorkflows, type ImportedWorkflow } from './phases/workflows';

export interface VersionRun {
	install: N8nInstall;
	report: Report;
	/** Temp folder of this version's run: user folder, logs, staged files. */
	workDir: string;
	env: NodeJS.ProcessEnv;
	serverLog: string;
	cliLog: string;
	services: Services;
	workflows: ImportedWorkflow[];
	/** /types/nodes.json of this n8n, once the server has started. */
	nodeTypes: NodeTypeDescription[];
	/** The coverage check's execution with one finding of each kind (phases/coverage.ts), for the editor to show. */
	coverageReport?: { workflowId: string; executionId: string };
}

/**
 * One n8n version, start to end: a fresh user folder with the packed package installed as a community package,
 * fresh sandbox and JobDiva stand-in, credentials and templates imported with the CLI, then
 *   `n8n start`: owner, loaded node types, credential tests, credentials bound to the imported workflows; the
 *              placement flow run in the server over a placement's life (test/demo/lifecycle.ts), calls, objects
 *              and ledger rows checked after each run; final pay as invoices; certificates through the COI
 *              template's webhook and hourly check; the compliance flow activated, signed and forged
 *              deliveries; the daily coverage check (clean, rebuild, seeded findings); the HTTP Request node with
 *              our credentials; the JobDiva node's error output; the editor screenshotted;
 *   logs:      no load error for the package in anything n8n printed.
 * The CLI (import only) and `n8n start` never run at the same time: they share the sqlite file.
 */
export async function runVersion(install: N8nInstall, tarball: string, report: Report): Promise<void> {
	const workDir = mkdtempSync(join(tmpdir(), `n8n-e2e-${install.version}-`));
	const userFolder = join(workDir, 'user');
	const env = n8nEnv(install, { userFolder, port: await freePort(), brokerPort: await freePort(), encryptionKey: 'e2e-encryption-key-0123456789abcdef' });
	console.log(`  n8n ${install.version} on ${install.node}; work folder ${workDir}`);
	const services = await startServices();
	const run: VersionRun = {
		install,
		report,
		workDir,
		env,
		serverLog: join(workDir, 'n8n-server.log'),
		cliLog: join(workDir, 'n8n-cli.log'),
		services,
		workflows: [],
		nodeTypes: [],
	};
	try {
		await report.phase('install the packed package into <user folder>/.n8n/nodes', async () => {
			installCommunityPackage(join(userFolder, '.n8n'), tarball, env);
		});
		const credentials = e2eCredentials(services.sandbox.url, services.jobDiva.url);
		const templates = templateFiles();
		await report.phase('import credentials and templates with the n8n CLI', async () => {
			const credentialsFile = join(workDir, 'credentials.json');
			writeCredentialsFile(credentialsFile, credentials);
			const imported = await runN8nCli(install, env, ['import:credentials', `--input=${credentialsFile}`], run.cliLog);
			report.equal(`import:credentials exits 0 (${credentials.map((c) => c.type).join(', ')})`, imported.code, 0);
			// One file at a time, as the README tells users (`n8n import:workflow --input=templates/<template>.json`).
			for (const template of templates) {
				const name = template.file.split('/').pop();
				const workflow = await runN8nCli(install, env, ['import:workflow', `--input=${template.file}`], run.cliLog);
				report.equal(`import:workflow --input=templates/${name} exits 0`, workflow.code, 0);
				report.check(`import:workflow reports templates/${name} imported`, /Successfully imported 1 workflow/.test(workflow.stdout), workflow.stdout.slice(-1500));
			}
		});

		const server = await report.phase('start n8n', () => N8nServer.start(install, env, run.serverLog));
		if (!server) return;
		try {
			const rest = new N8nRest(server.baseUrl);
			await report.phase('owner setup and login', async () => {
				await rest.setupOwner();
				await rest.login();
			});
			const types = await report.phase('GET /types/nodes.json lists our node types', () => checkLoadedNodes(run, rest));
			run.nodeTypes = types ?? [];
			await report.phase('credential tests run inside n8n', () => checkCredentialTests(run, rest, credentials));
			await report.phase('bind the imported credentials to the imported workflows', async () => {
				run.workflows = await bindImportedWorkflows(run, rest, templates, types ?? [], credentials);
			});
			await report.phase('placement flow in the server, over a placement\'s life (ledger in a Data table)', () => checkPlacementFlow(run, rest));
			await report.phase('timesheet → invoice flow in the server (invoice ledger in a Data table)', () => import('./phases/invoices').then((m) => m.checkInvoiceFlow(run, rest)));
			await report.phase('COI → certificate review in the server (webhook intake, hourly check, certificate ledger in a Data table)', () => import('./phases/coi').then((m) => m.checkCoiFlow(run, rest)));
			await report.phase('compliance flow: activation, signed and forged deliveries', () => checkComplianceFlow(run, rest));
			await report.phase('daily coverage check in the server: clean state, rebuilt ledger, one finding of each kind', () => checkCoverageFlow(run, rest));
			await report.phase('HTTP Request node with our credentials as predefined credential types', () => checkHttpRequestCredentials(run, rest));
			await report.phase('JobDiva node under "Continue (using error output)"', () => checkJobDivaErrorOutput(run, rest));
			if (install.screenshots) await report.phase('the editor, seen (headless Chromium)', () => checkEditor(run, rest));
			await report.phase('placement flow: a cancellation and a deletion in JobDiva, in a world reset for them', () => checkPlacementEndings(run, rest));
		} finally {
			await server.stop();
		}
	} finally {
		await report.phase('n8n logs no load error for the package', async () => checkLoadErrors(run));
		await services.stop();
	}
}
