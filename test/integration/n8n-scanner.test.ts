/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * n8n's verification gate, `@n8n/scan-community-package`, run on this checkout. Its CLI only downloads published
 * packages (and their provenance-attested source), so this calls the same analysis on the local files: the packed
 * tarball's compiled `.js` and package.json, and the source's nodes/, credentials/ and package.json, with the
 * patterns the CLI uses for each. Runs after `npm run build` (`npm test` builds before the suites).
 */
type Result = { passed: boolean; message?: string; details?: string };

const root = join(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The scanner's `analyzePackage(dir, patterns)` in a plain Node process, as its CLI runs it (under vitest's
 * NODE_ENV=test, eslint-plugin-n8n-nodes-base switches to its own test-run file names and reports false errors). Patterns `null`: the source's.
 */
function analyzePackage(dir: string, patterns: string[] | null): Result {
	const script = `
		import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
		const [dir, patterns] = JSON.parse(process.argv[1]);
		const { passed, message, details } = await analyzePackage(dir, patterns ?? SOURCE_FILE_PATTERNS);
		process.stdout.write(JSON.stringify({ passed, message, details: details?.replace(/\\x1b\\[[0-9;]*m/g, '') }));`;
	const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify([dir, patterns])], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production' },
	});
	return JSON.parse(output) as Result;
}

describe("n8n's community package scanner", () => {
	it('finds nothing in the packed tarball', () => {
		expect(existsSync(join(root, 'dist/nodes/Ten99Policy/Ten99Policy.node.js')), 'run npm run build first').toBe(true);
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
		) as Array<{ filename: string }>;
		const packageDir = join(work, 'package');
		mkdirSync(packageDir);
		execFileSync('tar', ['-xzf', join(work, packed[0].filename), '-C', packageDir, '--strip-components=1']);
		const result = analyzePackage(packageDir, ['**/*.js', 'package.json']);
		expect(result.details ?? result.message ?? '').toBe('');
		expect(result.passed).toBe(true);
	}, 120_000);

	it('finds nothing in the source it would fetch from the provenance commit', () => {
		const result = analyzePackage(root, null);
		expect(result.details ?? result.message ?? '').toBe('');
		expect(result.passed).toBe(true);
	}, 120_000);
});
