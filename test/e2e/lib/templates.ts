/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './n8nInstall';

export interface TemplateFile {
	file: string;
	/** `name` inside the workflow JSON; the key to find it after import. */
	name: string;
	/** `id` inside the workflow JSON, if it has one (n8n keeps it on import). */
	id?: string;
	role: 'placement' | 'compliance' | 'coverage' | 'other';
	nodes: Array<{ name: string; type: string; typeVersion: number; disabled?: boolean; parameters?: Record<string, unknown> }>;
}

/**
 * The workflows to import: every templates/*.json (the shipped templates), or, while there are none, the
 * harness's own fixtures in test/e2e/fixtures/; E2E_TEMPLATES_DIR points at another folder (to try a changed
 * template before it replaces the shipped one). The role comes from the file name: *compliance* is the
 * webhook-driven compliance sync, *placement* the placement → coverage flow, *coverage* the daily coverage check.
 */
export function templateFiles(): TemplateFile[] {
	const shipped = join(REPO_ROOT, 'templates');
	const hasShipped = existsSync(shipped) && readdirSync(shipped).some((f) => f.endsWith('.json'));
	const dir = process.env.E2E_TEMPLATES_DIR ?? (hasShipped ? shipped : join(__dirname, '../fixtures'));
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const file = join(dir, f);
			const json = JSON.parse(readFileSync(file, 'utf8')) as { name: string; id?: string; nodes: TemplateFile['nodes'] };
			const role = /compliance/i.test(f) ? 'compliance' : /placement/i.test(f) ? 'placement' : /coverage/i.test(f) ? 'coverage' : 'other';
			return { file, name: json.name, id: json.id, role, nodes: json.nodes };
		});
}
