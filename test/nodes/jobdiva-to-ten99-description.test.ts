/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeConnectionTypes, type INodeOutputConfiguration } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/mapping';
import { JobDivaToTen99 } from '../../nodes/JobDivaToTen99/JobDivaToTen99.node';

/** The node's description as n8n's loader and editor see it. */
describe('JobDivaToTen99 description', () => {
	const { description } = new JobDivaToTen99();
	const dir = join(__dirname, '../../nodes/JobDivaToTen99');

	it('has two main outputs, Mapped and Skipped', () => {
		const outputs = description.outputs as INodeOutputConfiguration[];
		expect(outputs.map((o) => [o.type, o.displayName])).toEqual([
			[NodeConnectionTypes.Main, 'Mapped'],
			[NodeConnectionTypes.Main, 'Skipped'],
		]);
	});

	it('offers exactly the mapping operations, each with an action and an output notice', () => {
		const operation = description.properties.find((p) => p.name === 'operation')!;
		const values = (operation.options as Array<{ value: string; action: string }>).map((o) => o.value).sort();
		expect(values).toEqual([...OPERATIONS].sort());
		for (const op of OPERATIONS) {
			expect(description.properties.some((p) => p.type === 'notice' && (p.displayOptions?.show?.operation as string[] | undefined)?.includes(op))).toBe(true);
		}
	});

	it('is a versioned, tool-usable node whose icons and codex exist', () => {
		expect(description).toMatchObject({ name: 'jobDivaToTen99', version: 1, usableAsTool: true });
		expect(description.icon).toEqual({ light: 'file:jobDivaToTen99.svg', dark: 'file:jobDivaToTen99.dark.svg' });
		for (const file of ['jobDivaToTen99.svg', 'jobDivaToTen99.dark.svg']) {
			expect(readFileSync(join(dir, file), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 64 64"/);
		}
		expect(existsSync(join(dir, 'JobDivaToTen99.node.json'))).toBe(true);
		const codex = JSON.parse(readFileSync(join(dir, 'JobDivaToTen99.node.json'), 'utf8')) as { node: string };
		expect(codex.node).toBe('n8n-nodes-ten99policy.jobDivaToTen99');
	});

	it('every parameter has a unique name', () => {
		const names = description.properties.map((p) => p.name);
		expect(new Set(names).size).toBe(names.length);
	});
});
