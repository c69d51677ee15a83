/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What n8n's community-package checks and loader need from the published package. Runs after `npm run build`
 * (`npm test` builds before the suites).
 */
const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, any>;

describe('the npm package', () => {
	it('has no runtime dependencies and only n8n-workflow as peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.name).toBe('n8n-nodes-ten99policy');
	});

	it('packs every listed node and credential, their icons and codex files, and nothing from test/', () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
		const files: string[] = (JSON.parse(output) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) expect(files, entry).toContain(entry);
		for (const node of pkg.n8n.nodes as string[]) {
			expect(files, `${node} codex`).toContain(node.replace(/\.js$/, '.json'));
			expect(files.some((f) => f.startsWith(node.replace(/[^/]+$/, '')) && f.endsWith('.svg')), `${node} icon`).toBe(true);
		}
		expect(files.filter((f) => f.startsWith('test/') || f.includes('/test/') || f.endsWith('.ts'))).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'templates/jobdiva-placement-to-1099policy.json']));
	});

	it('exports from each built file the class its file name promises (n8n loads by file name)', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
			const path = join(root, entry);
			expect(existsSync(path), entry).toBe(true);
			const className = entry.split('/').pop()!.replace(/\.(node|credentials)\.js$/, '');
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exported = require(path)[className] as (new () => { description?: { version: unknown }; name?: string }) | undefined;
			expect(typeof exported, `${entry} exports ${className}`).toBe('function');
			const instance = new exported!();
			expect(instance.description?.version ?? instance.name, entry).toBeTruthy();
		}
	});
});
