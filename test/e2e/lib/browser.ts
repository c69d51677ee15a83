/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './n8nInstall';

/**
 * playwright-core is not a dependency of the package: run.sh installs it into .cache/e2e-tools, and it drives
 * Debian's chromium (no browser download). These are the few parts of its API the run uses.
 */
export interface Locator {
	count(): Promise<number>;
	first(): Locator;
	filter(options: { visible?: boolean }): Locator;
	click(options?: { timeout?: number }): Promise<void>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	waitFor(options?: { state?: 'visible' | 'attached' | 'hidden'; timeout?: number }): Promise<void>;
	innerText(): Promise<string>;
	locator(selector: string): Locator;
	evaluate<R>(fn: (element: unknown) => R): Promise<R>;
	boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
}

export interface Page {
	goto(url: string, options?: { waitUntil?: 'load' | 'networkidle'; timeout?: number }): Promise<unknown>;
	locator(selector: string): Locator;
	screenshot(options: { path: string; fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } }): Promise<Buffer>;
	keyboard: { press(key: string): Promise<void> };
	setViewportSize(size: { width: number; height: number }): Promise<void>;
	mouse: { move(x: number, y: number, options?: { steps?: number }): Promise<void>; down(): Promise<void>; up(): Promise<void> };
	waitForTimeout(ms: number): Promise<void>;
	on(event: 'pageerror', listener: (error: { message: string }) => void): void;
}

/** A browser with its own profile folder; closing it ends Chromium. */
export interface PersistentContext {
	addCookies(cookies: Array<{ name: string; value: string; url: string }>): Promise<void>;
	addInitScript(script: string): Promise<void>;
	newPage(): Promise<Page>;
	close(): Promise<void>;
}

interface PlaywrightCore {
	chromium: {
		launchPersistentContext(
			userDataDir: string,
			options: { executablePath: string; args: string[]; headless: boolean; viewport: { width: number; height: number } },
		): Promise<PersistentContext>;
	};
}

/** The browser run.sh found (test/e2e/find-chromium.sh); Debian's chromium when run another way. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags from the machine notes: without the background-networking ones Chromium keeps dialling out on a closed
 * network. The fresh --user-data-dir is passed the way Playwright requires (launchPersistentContext).
 */
export async function launchChromium(viewport = { width: 1600, height: 1000 }): Promise<PersistentContext> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const playwright = require(join(REPO_ROOT, '.cache/e2e-tools/node_modules/playwright-core')) as PlaywrightCore;
	const userDataDir = mkdtempSync(join(tmpdir(), 'e2e-chromium-'));
	return playwright.chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		viewport,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}
