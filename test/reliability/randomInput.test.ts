/* eslint-disable @n8n/community-nodes/require-node-api-error -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JobDivaInputError } from '../../src/jobdiva/errors';
import { jobDivaId, searchPlacements } from '../../src/jobdiva/operations';
import { receiveJobDivaDelivery } from '../../src/jobdiva/webhook';
import type { JobDivaClient } from '../../src/jobdiva/client';
import { SEARCHABLE } from '../../nodes/Ten99Policy/fieldParameters';
import type { ResourceSpec } from '../../src/ten99policy/fields';
import { buildRequest } from '../../src/ten99policy/request';
import { RESOURCES } from '../../src/ten99policy/resources';
import { ValueError } from '../../src/util/valueError';
import { RecentKeys } from '../../src/util/recentKeys';
import { parseEvent } from '../../src/webhooks/normalise';
import '../helpers/template';
import { ten99Node } from '../helpers/ten99policyNode';
import { chain, runWorkflow } from '../helpers/workflow';
import { json, startHostileServer } from './support/hostileServer';

/**
 * Random JSON through every entry point that takes it — each 1099Policy operation's request building (what the
 * 1099Policy node sends), the JobDiva node's IDs and search criteria, both webhook receivers — yields a valid request
 * or decision, or an error that names the field; never an uncaught exception. (The JobDiva → 1099Policy mapping has
 * its own property test: test/unit/mapping/property.test.ts.)
 */

const OPERATIONS = Object.entries(RESOURCES).flatMap(([resource, spec]) => Object.keys(spec.operations).map((operation) => [resource, operation] as const));
const hostileKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', '..', 'id');
const randomJson: fc.Arbitrary<unknown> = fc.oneof(
	fc.jsonValue({ maxDepth: 4 }),
	fc.dictionary(fc.oneof(fc.string(), hostileKeys), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
	fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.parse(`{"__proto__": ${JSON.stringify(value) ?? 'null'}}`) as unknown),
);
const randomId = fc.oneof(fc.string(), fc.constantFrom('..', '.', '', 'cn_1', 'cn_1/..', '%2e'), fc.jsonValue({ maxDepth: 1 }));

/** Whether a thrown value is an error that names its field (our input errors). */
function named(error: unknown): boolean {
	return (error instanceof ValueError || error instanceof JobDivaInputError) && typeof error.field === 'string' && error.field !== '' && !!error.fix;
}

describe('random JSON yields a valid body or a named error', () => {
	it('every 1099Policy operation', () => {
		fc.assert(
			fc.property(fc.constantFrom(...OPERATIONS), randomJson, randomId, ([resource, operation], fields, id) => {
				try {
					const request = buildRequest(resource, operation, { id, fields: fields as Record<string, unknown> });
					expect(request.path).not.toMatch(/(^|\/)\.\.?(\/|$)/);
					if (request.json) expect(() => JSON.stringify(request.json)).not.toThrow();
				} catch (error) {
					if (!named(error)) throw error;
				}
			}),
			{ numRuns: 3000 },
		);
	});

	it('JobDiva IDs and search criteria', async () => {
		const client = { searchStart: async (body: unknown) => [body] } as unknown as JobDivaClient;
		await fc.assert(
			fc.asyncProperty(randomId, randomJson, async (id, extra) => {
				try {
					expect(jobDivaId(id, 'Candidate ID')).toMatch(/^\d{1,19}$/);
				} catch (error) {
					if (!named(error)) throw error;
				}
				try {
					await searchPlacements(client, { candidateId: id, extra: extra as Record<string, unknown> });
				} catch (error) {
					if (!named(error)) throw error;
				}
			}),
			{ numRuns: 1000 },
		);
	});

	it('webhook receivers (1099Policy and JobDiva) decide, never throw', () => {
		fc.assert(
			fc.property(randomJson, (body) => {
				const raw = JSON.stringify(body) ?? '';
				const event = parseEvent(raw);
				expect(typeof event.ok).toBe('boolean');
				const decision = receiveJobDivaDelivery({ rawBody: raw, signatureHeader: undefined, secret: undefined, skipVerification: true, types: [], operations: [], recent: RecentKeys.fromState([], 10) });
				expect(['reject', 'acknowledge', 'emit']).toContain(decision.action);
			}),
			{ numRuns: 2000 },
		);
	});

	it('through the 1099Policy node in n8n: an output item or an error naming the item', async () => {
		const server = await startHostileServer();
		server.handle = (seen, res) => json(res, 200, seen.method === 'GET' && !/\/[a-z]+_[^/]+$/.test(seen.path) ? [] : { id: 'x_1' });
		const credentials = { ten99PolicyApi: { apiKey: 't9k_test_random', environment: 'sandbox', baseUrl: server.url } };
		try {
			await fc.assert(
				fc.asyncProperty(fc.constantFrom(...OPERATIONS.filter(([r, o]) => !(RESOURCES as Record<string, ResourceSpec>)[r].operations[o].multipart)), randomJson, async ([resource, operation], body) => {
					const id = '={{ "x_1" }}';
					const parameters = { resource, operation, inputMode: 'json', jsonBody: JSON.stringify(body) ?? '', id: SEARCHABLE.has(resource) ? { __rl: true, mode: 'id', value: id } : id, options: {} };
					const result = await runWorkflow(chain([{}], ten99Node(parameters)), credentials);
					if (result.error) expect(result.error.message).toMatch(/^\[item 0\] \S/);
					else expect(result.output('1099Policy').length).toBeGreaterThanOrEqual(0);
				}),
				{ numRuns: 60 },
			);
		} finally {
			await server.close();
		}
	});
});
