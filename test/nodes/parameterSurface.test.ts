/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { omit } from 'lodash';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { Ten99PolicyApi } from '../../credentials/Ten99PolicyApi.credentials';
import { JobDivaApi } from '../../credentials/JobDivaApi.credentials';
import { JobDiva } from '../../nodes/JobDiva/JobDiva.node';
import { JobDivaPollingTrigger } from '../../nodes/JobDivaPollingTrigger/JobDivaPollingTrigger.node';
import { JobDivaToTen99 } from '../../nodes/JobDivaToTen99/JobDivaToTen99.node';
import { JobDivaTrigger } from '../../nodes/JobDivaTrigger/JobDivaTrigger.node';
import { Ten99Policy } from '../../nodes/Ten99Policy/Ten99Policy.node';
import { Ten99PolicyCertificateLedger } from '../../nodes/Ten99PolicyCertificateLedger/Ten99PolicyCertificateLedger.node';
import { Ten99PolicyInvoiceLedger } from '../../nodes/Ten99PolicyInvoiceLedger/Ten99PolicyInvoiceLedger.node';
import { Ten99PolicyCoverageCheck } from '../../nodes/Ten99PolicyCoverageCheck/Ten99PolicyCoverageCheck.node';
import { Ten99PolicyLedger } from '../../nodes/Ten99PolicyLedger/Ten99PolicyLedger.node';
import { Ten99PolicyTrigger } from '../../nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node';

/**
 * The saved parameter surface, pinned. Saved workflows store parameter NAMES and option VALUES; renaming one, changing
 * its type, or dropping an option value silently breaks every workflow that saved it. This test compares every node's
 * (and credential's) parameters, recursively: name, type, default, where it shows (`displayOptions.show`) and option
 * values (not display names or descriptions, which are free to change) with parameterSurface.json.
 *
 * When it fails: ADDING a parameter or an option value is fine; regenerate the snapshot
 * (`UPDATE_SURFACE=1 npx vitest run test/nodes/parameterSurface.test.ts`) and commit the diff. RENAMING or REMOVING one,
 * or changing a type or a default, needs a new node version instead (n8n's `v1/ v2/` pattern, as in its Notion node:
 * the old version keeps its surface for saved workflows, the new one gets the change).
 */

const SNAPSHOT = join(__dirname, 'parameterSurface.json');

type Surface = { name: string; type?: string; default?: unknown; show?: unknown; options?: unknown[] };

/** One parameter as a saved workflow depends on it; collections and fixed collections with their nested parameters. */
function surface(property: INodeProperties | INodePropertyCollection | INodePropertyOptions): Surface | unknown {
	if (!('type' in property) && 'values' in property) return { name: property.name, values: property.values.map(surface) };
	if (!('type' in property)) return (property as INodePropertyOptions).value;
	const entry: Surface = { name: property.name, type: property.type, default: property.default };
	// where it applies (one name may be declared per resource or operation); the version is the snapshot's key
	if (property.displayOptions?.show) {
		entry.show = omit(property.displayOptions.show, '@version');
	}
	if (property.options) entry.options = (property.options as Array<INodeProperties | INodePropertyCollection | INodePropertyOptions>).map(surface);
	return entry;
}

function currentSurface(): Record<string, unknown> {
	const nodes: INodeType[] = [
		new Ten99Policy(),
		new Ten99PolicyTrigger(),
		new JobDivaToTen99(),
		new JobDiva(),
		new JobDivaTrigger(),
		new JobDivaPollingTrigger(),
		new Ten99PolicyLedger(),
		new Ten99PolicyCoverageCheck(),
		new Ten99PolicyInvoiceLedger(),
		new Ten99PolicyCertificateLedger(),
	];
	// Every node the package ships is pinned: a node added to package.json without its surface here fails.
	const shipped = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { n8n: { nodes: string[] } }).n8n.nodes.map((file) =>
		file.replace(/^.*\/|\.node\.js$/g, ''),
	);
	expect(nodes.map((node) => node.constructor.name).sort()).toEqual([...shipped].sort());
	const result: Record<string, unknown> = {};
	// One entry per node version, holding the parameters that version shows (n8n's `@version` display option).
	for (const node of nodes) {
		const { name, version, properties } = node.description;
		for (const v of Array.isArray(version) ? version : [version]) {
			const shown = properties.filter((p) => {
				const only = p.displayOptions?.show?.['@version'];
				return only === undefined || only.includes(v);
			});
			result[`node ${name} v${v}`] = shown.map(surface);
		}
	}
	for (const credential of [new Ten99PolicyApi(), new JobDivaApi()]) result[`credential ${credential.name}`] = credential.properties.map(surface);
	return JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
}

describe('saved parameter surface', () => {
	it('every node and credential keeps its parameter names, types, defaults and option values', () => {
		const actual = currentSurface();
		if (process.env.UPDATE_SURFACE) writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, '\t')}\n`);
		const saved = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Record<string, unknown>;
		for (const key of Object.keys(saved)) {
			expect(
				actual[key],
				`${key}: the saved parameter surface changed. Added parameters/options only? Regenerate parameterSurface.json (see the comment at the top of this file). Renamed, removed or retyped? Saved workflows break: add a new node version instead.`,
			).toEqual(saved[key]);
		}
		expect(Object.keys(actual)).toEqual(Object.keys(saved));
	});
});
