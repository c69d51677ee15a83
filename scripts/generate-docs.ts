/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * Writes the README's node reference from the code: the 1099Policy table from the resource declaration
 * (src/ten99policy/resources.ts) and the other nodes' operations from their node descriptions; and the 1099Policy node's
 * output schemas (nodes/Ten99Policy/__schema__/, from the same declaration).
 * `--check` fails when the README or a schema is out of date (run by `npm test`).
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { INodeProperties, INodeType } from 'n8n-workflow';
import type { OperationSpec, ResourceSpec } from '../src/ten99policy/fields';
import { RESOURCES, RESOURCE_KEYS } from '../src/ten99policy/resources';
import { offersSimplify, outputSchema } from '../src/ten99policy/simplify';

const root = join(__dirname, '..');
const START = '<!-- generated:operations:start -->';
const END = '<!-- generated:operations:end -->';

function ten99PolicyTable(): string {
	const rows = ['| Resource | Operation | Request | Required fields |', '|---|---|---|---|'];
	for (const key of RESOURCE_KEYS) {
		const resource: ResourceSpec = RESOURCES[key];
		for (const op of Object.values(resource.operations as Record<string, OperationSpec>)) {
			const request = op.composite?.calls ?? `${op.method} /api/v1${resource.path}${op.path}`;
			const required = (op.required ?? []).map((name) => `\`${name}\``).join(', ') || '—';
			rows.push(`| ${resource.displayName} | ${op.displayName} | \`${request}\` | ${required} |`);
		}
	}
	return rows.join('\n');
}

/** What Simplify keeps, per resource (from the declaration's `simplified`). */
function simplifiedFields(): string[] {
	const specs: ResourceSpec[] = RESOURCE_KEYS.map((key) => RESOURCES[key]);
	const filters = specs.filter((spec) => spec.search?.filterField).map((spec) => `${spec.plural} by \`${spec.search?.filterField}\``);
	const lines = [
		'**Node versions.** Version 2 is the default for new nodes; saved workflows and the templates keep version 1, whose',
		'parameters are unchanged. In version 2 every 1099Policy ID is a resource locator: *From List* (one page of the',
		`list at a time, newest first; typed text that fits the API's filter is sent as it — ${filters.join(', ')} — other`,
		'text is matched on the page) or *By ID*. There is no *By URL* mode: 1099Policy documents no dashboard URL per object.',
		'*Get* and *Get Many* of the large objects have *Simplify* (on by default), which returns only these fields (turn it',
		"off for the whole object); n8n's editor shows them (the node's output schemas) before the node has run:",
		'',
	];
	for (const key of RESOURCE_KEYS) {
		const resource: ResourceSpec = RESOURCES[key];
		if (resource.simplified) lines.push(`- ${resource.displayName}: ${Object.keys(resource.simplified).map((name) => `\`${name}\``).join(', ')}`);
	}
	return lines;
}

/**
 * The output schemas n8n's editor shows for a node that has not run yet (n8n reads
 * `<node folder>/__schema__/v<x.y.z>/<resource>/<operation>.json`, for community packages too): the simplified output
 * of node version 2, one file per operation offering Simplify.
 */
const SCHEMA_DIR = join(root, 'nodes/Ten99Policy/__schema__');
function schemaFiles(): Map<string, string> {
	const files = new Map<string, string>();
	for (const key of RESOURCE_KEYS) {
		const resource: ResourceSpec = RESOURCES[key];
		for (const operation of Object.keys(resource.operations)) {
			const schema = offersSimplify(resource, operation) ? outputSchema(resource) : undefined;
			if (schema) files.set(join(SCHEMA_DIR, 'v2.0.0', key, `${operation}.json`), `${JSON.stringify(schema, null, '\t')}\n`);
		}
	}
	return files;
}

function filesUnder(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

/** Operations of a node whose description uses the resource/operation (or plain operation) pattern. */
function describedNode(file: string, className: string): string | undefined {
	const path = join(root, file);
	if (!existsSync(path)) return undefined;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const NodeClass = require(path)[className] as new () => INodeType;
	const description = new NodeClass().description;
	const props = description.properties;
	const resources = props.find((p) => p.name === 'resource');
	const operations = props.filter((p) => p.name === 'operation' && p.type === 'options');
	const lines = [`**${description.displayName}** — ${description.description}`, ''];
	if (operations.length === 0) {
		const events = props.find((p) => p.name === 'events' || p.name === 'event');
		lines.push(...parameterSummary(props, events));
		return lines.join('\n');
	}
	lines.push('| Resource | Operation | Description |', '|---|---|---|');
	for (const operation of operations) {
		const resourceValues = (operation.displayOptions?.show?.resource as string[] | undefined) ?? [''];
		for (const value of resourceValues) {
			const resourceName = resources?.options?.find((o) => 'value' in o && o.value === value)?.name ?? '—';
			for (const option of operation.options ?? []) {
				if (!('value' in option)) continue;
				lines.push(`| ${resourceName} | ${option.name} | ${'description' in option ? (option.description ?? '') : ''} |`);
			}
		}
	}
	return lines.join('\n');
}

function parameterSummary(props: INodeProperties[], events: INodeProperties | undefined): string[] {
	const lines = ['| Parameter | Description |', '|---|---|'];
	for (const prop of props) {
		if (prop.type === 'notice') continue;
		lines.push(`| ${prop.displayName} | ${(prop.description ?? '').replace(/\|/g, '\\|')} |`);
	}
	if (events?.options) {
		const names = events.options.filter((o) => 'value' in o).map((o) => `\`${String((o as { value: unknown }).value)}\``);
		lines.push('', `Events: ${names.join(', ')}`);
	}
	return lines;
}

const OTHER_NODES: Array<[string, string]> = [
	['nodes/JobDivaToTen99/JobDivaToTen99.node.ts', 'JobDivaToTen99'],
	['nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node.ts', 'Ten99PolicyTrigger'],
	['nodes/JobDiva/JobDiva.node.ts', 'JobDiva'],
	['nodes/JobDivaTrigger/JobDivaTrigger.node.ts', 'JobDivaTrigger'],
	['nodes/JobDivaPollingTrigger/JobDivaPollingTrigger.node.ts', 'JobDivaPollingTrigger'],
	['nodes/Ten99PolicyLedger/Ten99PolicyLedger.node.ts', 'Ten99PolicyLedger'],
	['nodes/Ten99PolicyCoverageCheck/Ten99PolicyCoverageCheck.node.ts', 'Ten99PolicyCoverageCheck'],
	['nodes/Ten99PolicyInvoiceLedger/Ten99PolicyInvoiceLedger.node.ts', 'Ten99PolicyInvoiceLedger'],
	['nodes/Ten99PolicyCertificateLedger/Ten99PolicyCertificateLedger.node.ts', 'Ten99PolicyCertificateLedger'],
];

function generated(): string {
	const parts = [
		'### 1099Policy (`n8n-nodes-ten99policy.ten99Policy`)',
		'',
		'Every resource and operation of the 1099Policy API. Required fields are node parameters; optional ones are under',
		'"Additional Fields" (create) or "Update Fields" (update). Every POST carries a `Ten99Policy-Idempotent-Key`.',
		'',
		ten99PolicyTable(),
		'',
		...simplifiedFields(),
	];
	for (const [file, className] of OTHER_NODES) {
		const section = describedNode(file, className);
		if (section) parts.push('', `### ${className} (\`n8n-nodes-ten99policy.${className.charAt(0).toLowerCase()}${className.slice(1)}\`)`, '', section);
	}
	return `${START}\n${parts.join('\n')}\n${END}`;
}

const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < 0) {
	process.stderr.write(`README.md lacks the ${START} … ${END} markers\n`);
	process.exit(1);
}
const next = readme.slice(0, start) + generated() + readme.slice(end + END.length);
const schemas = schemaFiles();
if (process.argv.includes('--check')) {
	if (next !== readme) {
		process.stderr.write('README.md node reference is out of date: run `npm run docs` and commit the result.\n');
		process.exit(1);
	}
	const stale = [...new Set([...schemas.keys(), ...filesUnder(SCHEMA_DIR)])].filter(
		(file) => !existsSync(file) || readFileSync(file, 'utf8') !== schemas.get(file),
	);
	if (stale.length > 0) {
		process.stderr.write(`Output schemas out of date (${stale.map((file) => relative(root, file)).join(', ')}): run \`npm run docs\` and commit the result.\n`);
		process.exit(1);
	}
	process.stdout.write('README.md node reference and output schemas are up to date.\n');
} else {
	writeFileSync(readmePath, next);
	rmSync(SCHEMA_DIR, { recursive: true, force: true });
	for (const [file, text] of schemas) {
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, text);
	}
	process.stdout.write(`README.md node reference and ${schemas.size} output schemas written.\n`);
}
