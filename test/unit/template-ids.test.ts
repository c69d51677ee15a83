/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `n8n import:workflow --input=templates/<template>.json` (the CLI path of Docker and GitOps set-ups) stores the
 * workflow under its `id`; n8n 2.40 refuses a workflow without one (SQLITE_CONSTRAINT: NOT NULL constraint failed:
 * workflow_entity.id). The editor's Import from File ignores it and creates a new workflow.
 */
const dir = join(__dirname, '../../templates');
const templates = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map((f) => ({ file: f, json: JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id?: unknown } }));

describe('templates for the n8n CLI', () => {
	it.each(templates)('$file has an id of n8n\'s form (16 letters and digits)', ({ json }) => {
		expect(json.id).toMatch(/^[A-Za-z0-9]{16}$/);
	});

	it('ids differ, so importing one template never replaces another', () => {
		expect(new Set(templates.map((t) => t.json.id)).size).toBe(templates.length);
	});
});
