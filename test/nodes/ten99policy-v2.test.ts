import { omit } from 'lodash';
import nock from 'nock';
import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Ten99Policy } from '../../nodes/Ten99Policy/Ten99Policy.node';
import { RESOURCES, RESOURCE_KEYS } from '../../src/ten99policy/resources';
import { answerWith, T99_BASE, T99_CREDENTIALS, ten99Node, type SeenHttp } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';

/**
 * Node version 2 of the 1099Policy node: every 1099Policy ID is a resource locator, Get / Get Many of the large
 * objects have Simplify (on), and version 1 keeps behaving as it always did for saved workflows.
 */

const description = new Ten99Policy().description;

/** The parameter named `name` that node version `version` shows for resource/operation. */
function parameterOf(version: number, resource: string, operation: string, name: string): INodeProperties | undefined {
	return description.properties.find((p) => {
		const show = p.displayOptions?.show ?? {};
		const versions = show['@version'] as number[] | undefined;
		return (
			p.name === name &&
			(versions === undefined || versions.includes(version)) &&
			(show.resource as string[] | undefined)?.includes(resource) &&
			(show.operation as string[] | undefined)?.includes(operation)
		);
	});
}

const ASSIGNMENT = {
	id: 'an_7Q',
	status: 'active',
	eligible: true,
	contractor: 'cn_3',
	job: 'jb_9',
	policy: 'pl_2',
	coverage_type: ['general'],
	effective_date: 1798761600,
	end_date: 1801353600,
	net_rate: 14,
	created: 1796000000,
	custom_metadata: { jobdiva_placement_id: '45678' },
	certificates: [],
	cancel_reason: null,
};

function run(parameters: INodeParameters, typeVersion: number, answer: unknown) {
	const log: SeenHttp[] = [];
	nock(T99_BASE)
		.get(/.*/)
		.query(true)
		.reply(answerWith(log, () => [200, answer]));
	return { log, result: runWorkflow(chain([{}], ten99Node(parameters, { typeVersion })), T99_CREDENTIALS) };
}

describe('1099Policy node versions', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('new nodes get version 2; saved workflows keep version 1', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('version 2 offers a resource locator (From List, By ID) for the ID of every resource that has one', () => {
		for (const resource of RESOURCE_KEYS) {
			for (const operation of ['get', 'update', 'delete', 'expire']) {
				if (!(operation in RESOURCES[resource].operations)) continue;
				const id = parameterOf(2, resource, operation, 'id');
				expect(id?.type, `${resource}.${operation}`).toBe('resourceLocator');
				expect(id?.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
				const listMode = id?.modes?.[0];
				expect(Object.keys(new Ten99Policy().methods.listSearch)).toContain(listMode?.typeOptions?.searchListMethod);
			}
		}
	});

	it('version 1 keeps its plain-string IDs where it had them (an assignment) and its locators where it had them (a contractor)', () => {
		expect(parameterOf(1, 'assignment', 'get', 'id')?.type).toBe('string');
		expect(parameterOf(1, 'contractor', 'get', 'id')?.type).toBe('resourceLocator');
		expect(parameterOf(1, 'assignment', 'get', 'simplify')).toBeUndefined();
		expect(parameterOf(2, 'assignment', 'get', 'simplify')?.default).toBe(true);
	});

	it('version 1: a saved plain-string assignment ID is sent as is and the whole object comes back', async () => {
		const { log, result } = run({ resource: 'assignment', operation: 'get', id: 'an_7Q' }, 1, ASSIGNMENT);
		const done = await result;
		expect(done.error).toBeUndefined();
		expect(log.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/assignments/an_7Q']);
		expect(done.output('1099Policy').map((item) => item.json)).toEqual([ASSIGNMENT]);
	});

	it('version 2: the locator picked from the list sends the plain ID, and Simplify (default) keeps the fields a user needs', async () => {
		const id = { __rl: true, mode: 'list', value: 'an_7Q', cachedResultName: 'an_7Q (active, cn_3, jb_9)' };
		const { log, result } = run({ resource: 'assignment', operation: 'get', id }, 2, ASSIGNMENT);
		const done = await result;
		expect(done.error).toBeUndefined();
		expect(log.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/assignments/an_7Q']);
		expect(done.output('1099Policy').map((item) => item.json)).toEqual([omit(ASSIGNMENT, 'certificates', 'cancel_reason')]);
		expect(Object.keys(done.output('1099Policy')[0].json)).toEqual(Object.keys(RESOURCES.assignment.simplified));
	});

	it('version 2 with Simplify off returns the whole object', async () => {
		const { result } = run({ resource: 'assignment', operation: 'get', id: { __rl: true, mode: 'id', value: 'an_7Q' }, simplify: false }, 2, ASSIGNMENT);
		expect((await result).output('1099Policy').map((item) => item.json)).toEqual([ASSIGNMENT]);
	});

	it('version 2 Get Many of contractors: each contractor simplified, one item per contractor', async () => {
		const contractors = [
			{ id: 'cn_1', first_name: 'Jordan', last_name: 'Lee', email: 'jordan@example.com', middle_name: null, address: { line1: '1 Main St' }, tax_identification: '123-45-6789', created: 1 },
			{ id: 'cn_2', first_name: 'Priya', last_name: 'Raman', email: 'priya@example.com', phone: '555-0100', created: 2 },
		];
		const { log, result } = run({ resource: 'contractor', operation: 'list', returnAll: false, limit: 2 }, 2, contractors);
		const done = await result;
		expect(log[0].query).toEqual({ limit: '2' });
		expect(done.output('1099Policy').map((item) => item.json)).toEqual([
			{ id: 'cn_1', first_name: 'Jordan', last_name: 'Lee', email: 'jordan@example.com', created: 1 },
			{ id: 'cn_2', first_name: 'Priya', last_name: 'Raman', email: 'priya@example.com', phone: '555-0100', created: 2 },
		]);
	});

	it('version 2 leaves operations without Simplify unchanged (an entity is small)', async () => {
		const entity = { id: 'en_1', name: 'Northwind Bank', address: { line1: '1 Main St' }, required_coverage: ['general'] };
		const { result } = run({ resource: 'entity', operation: 'get', id: { __rl: true, mode: 'id', value: 'en_1' } }, 2, entity);
		expect((await result).output('1099Policy').map((item) => item.json)).toEqual([entity]);
	});
});
