/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { existsSync, readFileSync } from 'node:fs';
import { PACKAGE_NAME } from '../lib/communityPackage';
import type { VersionRun } from '../runVersion';

/**
 * A package that fails to load only shows in n8n's output (the editor then shows its nodes as "not installed"),
 * e.g. `Cannot find module '…/nodes/node_modules/n8n-nodes-ten99policy/dist/nodes/…'` or `Unrecognized node type:
 * n8n-nodes-ten99policy.…`. A line that names the package or one of its types next to such a message fails the
 * run; a node's own runtime error (a stack through dist/nodes/…) is not a load error and is reported elsewhere.
 */
const ERROR_WORDS =
	/cannot find module|failed to load|error loading|could not load|unrecognized (node|credential) type|unknown (node|credential) type|is not a constructor|SyntaxError|does not provide an export|class .* (not found|missing)/i;
const OUR_NAMES = new RegExp(`${PACKAGE_NAME}|ten99Policy|jobDiva`, 'i');

export function loadErrorLines(text: string): string[] {
	return text.split('\n').filter((line) => OUR_NAMES.test(line) && ERROR_WORDS.test(line));
}

export function checkLoadErrors(run: VersionRun): void {
	for (const file of [run.serverLog, run.cliLog]) {
		const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
		const lines = loadErrorLines(text);
		run.report.check(`${file.split('/').pop()} (${text.length} chars) has no load error for ${PACKAGE_NAME}`, lines.length === 0, lines.slice(0, 10).join('\n'));
	}
}
