/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, type Page } from '../lib/browser';
import { REPO_ROOT } from '../lib/n8nInstall';
import { LEDGER_TABLE } from '../../../src/ledger/row';
import { AUTH_COOKIE, BROWSER_ID, type N8nRest } from '../lib/n8nRest';
import { isOurs } from '../lib/nodeTypes';
import { waitFor } from '../lib/wait';
import type { VersionRun } from '../runVersion';

export const SCREENSHOTS_DIR = join(REPO_ROOT, 'docs/screenshots');
/** n8n's Data tables view of the ledger table, as the placements' register. */
const LEDGER_PNG = 'placement-ledger.png';
/** The placements the lifecycle (placement and compliance phases, run before the editor) leaves in the ledger. */
const LEDGER_PLACEMENTS = ['45678', '45680', '45690'];
/** The daily coverage check's Morning report, as the execution with one finding of each kind shows it (phases/coverage.ts). */
const REPORT_PNG = 'coverage-morning-report.png';
const REPORT_NODE = 'Morning report';

/** What n8n's editor shows for a node type it does not know (editor-ui strings, n8n 2.8 and 2.40). */
const UNKNOWN_NODE_TEXTS = [/Install this node to (use it|start using)/i, /not currently installed/i];

/**
 * Opens each imported template in the editor as the owner, screenshots the canvas and the parameter panel
 * (NDV) of each of our nodes, and fails when a node renders as unknown, when one of our nodes carries the
 * canvas issue marker (data-test-id="node-issues"), or when its panel shows a parameter issue
 * (data-test-id="parameter-issues"). Screenshots go to the run's folder; with E2E_UPDATE_SCREENSHOTS=1, a run
 * without failures also copies them to docs/screenshots/ (the README's pictures), so the README never shows a broken
 * editor and an ordinary run leaves the work tree clean.
 */
export async function checkEditor(run: VersionRun, rest: N8nRest): Promise<void> {
	const shots = join(run.workDir, 'screenshots');
	mkdirSync(shots, { recursive: true });
	const failedBefore = run.report.failed;
	await takeScreenshots(run, rest, shots);
	if (run.report.failed !== failedBefore) {
		console.log(`    editor checks failed: screenshots left in ${shots}, docs/screenshots unchanged`);
	} else if (process.env.E2E_UPDATE_SCREENSHOTS !== '1') {
		console.log(`    ${readdirSync(shots).length} screenshots in ${shots} (E2E_UPDATE_SCREENSHOTS=1 copies them to docs/screenshots)`);
	} else {
		mkdirSync(SCREENSHOTS_DIR, { recursive: true });
		// Replace each template's old set (and the ledger's picture), so a renamed node leaves no stale picture behind.
		const slugs = run.workflows.map((w) => templateSlug(w.template.file));
		for (const old of readdirSync(SCREENSHOTS_DIR)) {
			if (old === LEDGER_PNG || old === REPORT_PNG || slugs.some((slug) => old === `${slug}.png` || old.startsWith(`${slug}--`))) rmSync(join(SCREENSHOTS_DIR, old));
		}
		for (const png of readdirSync(shots)) copyFileSync(join(shots, png), join(SCREENSHOTS_DIR, png));
		console.log(`    ${readdirSync(shots).length} screenshots copied to ${SCREENSHOTS_DIR}`);
	}
}

async function takeScreenshots(run: VersionRun, rest: N8nRest, shots: string): Promise<void> {
	const context = await launchChromium();
	try {
		await context.addCookies([{ name: AUTH_COOKIE, value: rest.authCookie, url: rest.baseUrl }]);
		// The auth cookie is bound to the browser-id it was issued for; the editor sends the one in localStorage.
		await context.addInitScript(`localStorage.setItem('n8n-browserId', ${JSON.stringify(BROWSER_ID)});`);
		const page = await context.newPage();
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(String(error.message)));
		const ordered = [...run.workflows].sort((a, b) => rank(a.template.role) - rank(b.template.role));
		for (const { template, id } of ordered) {
			const slug = templateSlug(template.file);
			await openWorkflow(page, `${rest.baseUrl}/workflow/${id}`);
			await expectNoUnknownNodes(run, page, `${slug}: canvas`);
			const ours = template.nodes.filter((n) => isOurs(n.type));
			for (const node of ours) {
				const onCanvas = canvasNode(page, node.name);
				// A known node shows its own SVG, served from /icons/<package>/…; an unknown one shows a "?" instead.
				const icon = onCanvas.locator('img[src*="/icons/n8n-nodes-ten99policy/"]');
				const iconLoaded = await waitFor(`the icon of "${node.name}"`, async () => {
					if ((await icon.count()) !== 1) return undefined;
					return (await icon.evaluate((img) => (img as { naturalWidth: number }).naturalWidth > 0)) ? true : undefined;
				}, 10_000).catch(() => false);
				run.report.check(`${slug}: canvas node "${node.name}" shows the package's icon`, iconLoaded);
				const issues = await onCanvas.locator('[data-test-id="node-issues"]').count();
				run.report.equal(`${slug}: canvas node "${node.name}" shows no issue marker`, issues, 0);
			}
			const canvasPng = join(shots, `${slug}.png`);
			await page.screenshot({ path: canvasPng });
			console.log(`    screenshot ${canvasPng}`);
			for (const node of ours) await checkPanel(run, page, shots, slug, node.name);
		}
		await checkLedgerTable(run, rest, page, shots);
		await checkMorningReport(run, rest, page, shots);
		if (pageErrors.length > 0) console.log(`    editor page errors (not failures):\n      ${pageErrors.slice(0, 5).join('\n      ')}`);
	} finally {
		await context.close();
	}
}

/**
 * n8n's own view of the ledger (Overview → Data tables → the table, route `/projects/:projectId/datatables/:id` in
 * 2.40.7): its grid must show each placement the lifecycle left with the state n8n's REST API reports for it.
 */
async function checkLedgerTable(run: VersionRun, rest: N8nRest, page: Page, shots: string): Promise<void> {
	const table = (await rest.dataTables()).find((t) => t.name === LEDGER_TABLE);
	if (!run.report.check(`the Data table "${LEDGER_TABLE}" exists for the editor to show`, table !== undefined)) return;
	const rows = await rest.dataTableRows(table!);
	await page.goto(`${rest.baseUrl}/projects/${table!.projectId}/datatables/${table!.id}`, { waitUntil: 'load', timeout: 60_000 });
	const grid = page.locator('[data-test-id="data-table-grid"]');
	const rendered = await waitFor('the ledger grid to list the placements', async () => {
		const text = await grid.first().innerText();
		return LEDGER_PLACEMENTS.every((id) => text.includes(id)) ? text : undefined;
	}, 30_000).catch(() => undefined);
	run.report.check(`Data tables view of "${LEDGER_TABLE}": the grid lists placements ${LEDGER_PLACEMENTS.join(', ')}`, rendered !== undefined);
	for (const id of LEDGER_PLACEMENTS) {
		const state = String(rows.find((r) => String(r.placementId) === id)?.state);
		const shown = rendered === undefined ? '' : await grid.locator(`.ag-row:has-text("${id}")`).first().innerText().catch(() => '');
		run.report.check(`Data tables view of "${LEDGER_TABLE}": placement ${id}'s row shows its state "${state}"`, shown.split(/\s*\n\s*|\t/).includes(state), shown);
	}
	await page.waitForTimeout(1000);
	const png = join(shots, LEDGER_PNG);
	// Three rows leave most of the page empty: the picture ends below the grid's pager.
	const pager = await page.locator('[data-test-id="data-table-content-pagination"]').first().boundingBox().catch(() => null);
	const viewport = { width: 1600, height: 1000 };
	const height = pager ? Math.min(viewport.height, Math.ceil(pager.y + pager.height + 24)) : viewport.height;
	await page.screenshot({ path: png, clip: { x: 0, y: 0, width: viewport.width, height } });
	console.log(`    screenshot ${png}`);
}

/**
 * The coverage check's execution with one finding of each kind, opened as a user opens a past run (Executions → the
 * run; route `/workflow/:id/executions/:executionId`), and its "Morning report" node's panel: the output must show the
 * report's subject and first finding. The picture is the README's "day's report".
 */
async function checkMorningReport(run: VersionRun, rest: N8nRest, page: Page, shots: string): Promise<void> {
	if (!run.report.check('the coverage check ran with one finding of each kind, for the editor to show', run.coverageReport !== undefined)) return;
	const { workflowId, executionId } = run.coverageReport!;
	// Tall enough for the whole report in the output panel.
	await page.setViewportSize({ width: 1600, height: 1800 });
	await page.goto(`${rest.baseUrl}/workflow/${workflowId}/executions/${executionId}`, { waitUntil: 'load', timeout: 60_000 });
	// The execution's own canvas (the workflow's editor canvas may be kept alive, hidden, under it).
	const reportNode = canvasNode(page, REPORT_NODE).filter({ visible: true }).first();
	await reportNode.waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForTimeout(1500);
	await reportNode.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	const opened = await ndv.waitFor({ state: 'visible', timeout: 20_000 }).then(
		() => true,
		() => false,
	);
	if (!run.report.check(`execution ${executionId}: double-clicking "${REPORT_NODE}" opens its panel`, opened)) return;
	const output = ndv.locator('[data-test-id="output-panel"]');
	// The output's Table view shows the report's whole text (the Schema view cuts it); the panel between input and output
	// is dragged left, as a user widens the output, so the text's column is not squeezed.
	const handle = await ndv.locator('[data-test-id="panel-drag-button"]').first().boundingBox().catch(() => null);
	if (handle) {
		await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
		await page.mouse.down();
		await page.mouse.move(handle.x + handle.width / 2 - 400, handle.y + handle.height / 2, { steps: 10 });
		await page.mouse.up();
	}
	const shown = await waitFor('the Morning report in the output panel', async () => {
		const text = await output.first().innerText();
		return /Contractor coverage/.test(text) && /NO COVERAGE: placement 45680/.test(text) ? text : undefined;
	}, 20_000).catch(() => undefined);
	run.report.check(`execution ${executionId}: the panel of "${REPORT_NODE}" shows the subject and the first finding`, shown !== undefined);
	await page.waitForTimeout(1000);
	const png = join(shots, REPORT_PNG);
	await page.screenshot({ path: png });
	console.log(`    screenshot ${png}`);
	await page.keyboard.press('Escape');
	await page.setViewportSize({ width: 1600, height: 1000 });
}

async function openWorkflow(page: Page, url: string): Promise<void> {
	await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 60_000 });
	// Node icons and issue markers render after the canvas; give them a moment before looking.
	await page.waitForTimeout(1500);
}

function canvasNode(page: Page, name: string) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name=${JSON.stringify(name)}]`);
}

async function checkPanel(run: VersionRun, page: Page, shots: string, slug: string, nodeName: string): Promise<void> {
	await canvasNode(page, nodeName).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible', timeout: 20_000 });
	// An unknown node's panel has no parameter list, only the "not currently installed" notice.
	const parameters = ndv.locator('[data-test-id="node-parameters"]');
	const shown = await parameters.waitFor({ state: 'visible', timeout: 15_000 }).then(
		() => true,
		() => false,
	);
	await page.waitForTimeout(1000);
	const png = join(shots, `${slug}--${slugify(nodeName)}.png`);
	await page.screenshot({ path: png });
	console.log(`    screenshot ${png}`);
	await expectNoUnknownNodes(run, page, `${slug}: panel of "${nodeName}"`);
	run.report.check(`${slug}: panel of "${nodeName}" lists the node's parameters`, shown);
	const issues = await ndv.locator('[data-test-id="parameter-issues"]').count();
	run.report.equal(`${slug}: panel of "${nodeName}" shows no parameter issue`, issues, 0);
	await page.keyboard.press('Escape');
	await ndv.waitFor({ state: 'hidden', timeout: 10_000 });
}

async function expectNoUnknownNodes(run: VersionRun, page: Page, where: string): Promise<void> {
	const text = await page.locator('body').innerText();
	const unknown = UNKNOWN_NODE_TEXTS.filter((pattern) => pattern.test(text));
	run.report.check(`${where} shows no unknown-node message`, unknown.length === 0, unknown.map(String).join(', '));
}

function rank(role: string): number {
	return role === 'placement' ? 0 : role === 'compliance' ? 1 : 2;
}

function templateSlug(file: string): string {
	return slugify(file.split('/').pop()!.replace(/\.json$/, ''));
}

function slugify(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}
