import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { Ten99Policy } from '../../../nodes/Ten99Policy/Ten99Policy.node';
import type { OperationSpec } from '../../../src/ten99policy/fields';
import { needsId } from '../../../src/ten99policy/request';
import { RESOURCES, RESOURCE_KEYS } from '../../../src/ten99policy/resources';

const { description } = new Ten99Policy();
const properties = description.properties;

/** The parameters shown for one resource/operation (display conditions on resource and operation only). */
function shown(resource: string, operation: string): INodeProperties[] {
	return properties.filter((p) => {
		const show = p.displayOptions?.show;
		if (!show) return true;
		return (show.resource as string[] | undefined)?.includes(resource) && (!show.operation || (show.operation as string[]).includes(operation));
	});
}

describe('node description derived from the declaration', () => {
	it('is an AI-usable action node with a subtitle and the credential', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toContain('$parameter["operation"]');
		expect(description.credentials).toEqual([{ name: 'ten99PolicyApi', required: true, testedBy: 'ten99PolicyApiTest' }]);
	});

	it('offers every resource, and for each every declared operation', () => {
		const resource = properties.find((p) => p.name === 'resource');
		expect(resource?.options?.map((o) => (o as { value: string }).value)).toEqual(RESOURCE_KEYS);
		for (const key of RESOURCE_KEYS) {
			const picker = properties.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[]).includes(key));
			expect(picker?.options?.map((o) => (o as { value: string }).value).sort()).toEqual(Object.keys(RESOURCES[key].operations).sort());
		}
	});

	it.each(RESOURCE_KEYS.flatMap((r) => Object.keys(RESOURCES[r].operations).map((o) => [r, o])))('%s → %s has its ID, required fields and optional fields', (resource, operation) => {
		const op = (RESOURCES as Record<string, { operations: Record<string, OperationSpec> }>)[resource].operations[operation];
		const params = shown(resource, operation);
		const names = params.map((p) => p.name);
		if (needsId(op)) expect(names).toContain('id');
		for (const name of op.required ?? []) {
			const param = params.find((p) => p.name === name);
			expect(param, `${resource}.${operation}: required ${name}`).toBeDefined();
			expect(param?.required).toBe(true);
		}
		if (op.optional?.length) {
			const collection = params.find((p) => p.name === (op.method === 'PUT' ? 'updateFields' : 'additionalFields'));
			const inside = (collection?.options as INodeProperties[] | undefined)?.map((p) => p.name) ?? [];
			for (const name of op.optional) expect(inside, `${resource}.${operation}: optional ${name}`).toContain(name);
		}
		if (op.paginated) expect(names).toEqual(expect.arrayContaining(['returnAll', 'limit']));
		const options = params.find((p) => p.name === 'options')?.options as INodeProperties[];
		const optionNames = options.map((p) => p.name);
		// Create or Update is idempotent by email and sends no key (nodes/Ten99Policy/operations.ts), so it offers none.
		const upsert = resource === 'contractor' && operation === 'upsert';
		if (op.method === 'POST' && !upsert) expect(optionNames).toEqual(expect.arrayContaining(['idempotencyKey', 'sendIdempotencyKey']));
		else expect(optionNames).not.toContain('idempotencyKey');
		if (upsert) expect(optionNames).toContain('checkReturning');
	});

	it('Create or Update on contractor, job, quote, assignment and application session offers "<Resource> ID (If Known)" and "Unchanged Since Last Sent"', () => {
		const withKnownId = RESOURCE_KEYS.filter((resource) => 'upsert' in RESOURCES[resource].operations);
		expect(withKnownId).toEqual(['contractor', 'job', 'quote', 'applicationSession', 'assignment']);
		for (const resource of withKnownId) {
			const options = shown(resource, 'upsert').find((p) => p.name === 'options')?.options as INodeProperties[];
			const knownId = options.find((p) => p.name === 'knownId');
			const unchanged = options.find((p) => p.name === 'unchanged');
			expect(knownId).toMatchObject({ displayName: `${RESOURCES[resource].displayName} ID (If Known)`, type: 'string', default: '' });
			expect(unchanged).toMatchObject({ displayName: 'Unchanged Since Last Sent', type: 'boolean', default: false });
			expect(unchanged?.description).toMatch(/set it from your ledger\. When true and the ID is known, no call is made and the item passes on with its ID and upsert_result "unchanged"/);
		}
		expect(shown('job', 'upsert').find((p) => p.name === 'options')?.options?.map((o) => (o as INodeProperties).name)).toEqual(
			expect.arrayContaining(['idempotencyKey', 'sendIdempotencyKey']),
		);
	});

	it('money fields say which unit, defaulting to dollars', () => {
		const unit = properties.find((p) => p.name === 'moneyUnit' && (p.displayOptions?.show?.resource as string[]).includes('job'));
		expect(unit?.default).toBe('dollars');
		expect(unit?.options?.map((o) => (o as { value: string }).value)).toEqual(['dollars', 'cents']);
	});
});
