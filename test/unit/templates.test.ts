/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { loadTemplate, TEMPLATES } from '../helpers/template';
import { testNodeTypes } from '../helpers/nodeTypes';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
	files: string[];
};
const ours = new Map(
	pkg.n8n.nodes.map((path) => {
		const className = path.split('/').pop()!.replace('.node.js', '');
		return [`n8n-nodes-ten99policy.${className.charAt(0).toLowerCase()}${className.slice(1)}`, className];
	}),
);
const files = readdirSync(TEMPLATES).filter((f) => f.endsWith('.json'));

/** Top-level parameter names a node of this description can hold (every property, whatever its display options). */
function parameterNames(properties: INodeProperties[]): Set<string> {
	return new Set(properties.map((p) => p.name));
}

describe('shipped templates', () => {
	it('are shipped in the npm package', () => {
		expect(pkg.files).toContain('templates');
		expect(files.sort()).toEqual(['1099policy-compliance-sync.json', '1099policy-daily-coverage-check.json', 'jobdiva-coi-to-1099policy-certificate-review.json', 'jobdiva-placement-to-1099policy.json', 'jobdiva-timesheets-to-1099policy-invoices.json']);
	});

	describe.each(files)('%s', (file) => {
		const template = loadTemplate(file);

		// The 1099Policy node's nodes stay on its version 1 (their stored parameters are version 1's: e.g. Expire
		// application's plain-string ID); every other node of ours has one version.
		it('uses our nodes under their installed type names, at their current version (1099Policy: version 1)', () => {
			const own = template.nodes.filter((n) => n.type.startsWith('n8n-nodes-ten99policy.'));
			expect(own.length).toBeGreaterThan(0);
			for (const node of own) {
				expect(ours.has(node.type), `${node.name}: ${node.type} is not listed in package.json`).toBe(true);
				const type = testNodeTypes.getByName(node.type) as INodeType;
				expect(node.typeVersion, node.name).toBe(node.type === 'n8n-nodes-ten99policy.ten99Policy' ? 1 : type.description.version);
			}
		});

		it('sets only parameters our nodes declare', () => {
			for (const node of template.nodes.filter((n) => n.type.startsWith('n8n-nodes-ten99policy.'))) {
				const names = parameterNames((testNodeTypes.getByName(node.type) as INodeType).description.properties);
				for (const key of Object.keys(node.parameters)) {
					if (key === 'pollTimes') continue; // added by n8n itself to every polling node
					expect(names.has(key), `${node.name}: unknown parameter "${key}"`).toBe(true);
				}
			}
		});

		it('connects only nodes that exist, and every node but triggers and notes is reached', () => {
			const names = new Set(template.nodes.map((n) => n.name));
			const reached = new Set<string>();
			for (const [from, outputs] of Object.entries(template.connections)) {
				expect(names.has(from), from).toBe(true);
				for (const output of outputs.main ?? []) for (const link of output ?? []) {
					expect(names.has(link.node), link.node).toBe(true);
					reached.add(link.node);
				}
			}
			for (const node of template.nodes) {
				const isStart = /trigger|stickyNote/i.test(node.type) || node.type.endsWith('Trigger') || node.type === 'n8n-nodes-base.webhook';
				if (!isStart) expect(reached.has(node.name), `${node.name} is not connected`).toBe(true);
			}
		});

		it('carries no secret, only credential references by name', () => {
			const text = readFileSync(join(TEMPLATES, file), 'utf8');
			expect(text).not.toMatch(/t9k_(test|live)_|t9sk_|whsec_|"password"\s*:|"apiKey"\s*:|sessionToken/);
			for (const node of template.nodes) {
				for (const reference of Object.values(node.credentials ?? {})) {
					expect(reference).toEqual({ id: '', name: expect.stringMatching(/ account$/) });
				}
			}
		});

		it('explains itself with sticky notes', () => {
			const notes = template.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
			expect(notes.length).toBeGreaterThan(0);
			expect(String(notes[0].parameters.content)).toMatch(/Set up/);
		});
	});
});
