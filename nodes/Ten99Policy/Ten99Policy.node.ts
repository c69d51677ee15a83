import {
	NodeConnectionTypes,
	sleep,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import type { OperationSpec } from '../../src/ten99policy/fields';
import { operationSpec, resourceSpec } from '../../src/ten99policy/resources';
import { offersSimplify, simplifyObject } from '../../src/ten99policy/simplify';
import { trafficControl } from '../../src/util/adaptiveConcurrency';
import { mapWithConcurrency } from '../../src/util/pool';
import { ten99PolicyClient } from '../shared/ten99PolicyTransport';
import { buildProperties } from './description';
import { refuseCustomApiCall } from '../shared/customApiCall';
import { errorJson, toNodeError } from './errors';
import { listSearchMethods, loadOptionsMethods, ten99PolicyApiTest } from './methods';
import { runOperation } from './operations';
import { readOperationInput } from './readInput';

interface ItemOptions {
	concurrency?: number;
	maxRetries?: number;
	idempotencyKey?: string;
	sendIdempotencyKey?: boolean;
	checkReturning?: boolean;
	knownEntityId?: string;
	knownId?: unknown;
	unchanged?: boolean;
}

/** The highest Requests in Parallel accepted. */
export const MAX_IN_PARALLEL = 100;
/** The most in flight when Requests in Parallel is not added: the node finds the rate below it. */
export const AUTO_MAX_IN_PARALLEL = 64;

export class Ten99Policy implements INodeType {
	description: INodeTypeDescription = {
		displayName: '1099Policy',
		name: 'ten99Policy',
		icon: { light: 'file:ten99policy.svg', dark: 'file:ten99policy.dark.svg' },
		group: ['output'],
		// Version 2: every ID is a resource locator, and Get / Get Many of the large objects offer Simplify (on).
		// Version 1 keeps its parameters exactly, for saved workflows.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Insure independent contractors with 1099Policy: contractors, jobs, quotes, applications, policies and more',
		defaults: { name: '1099Policy' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ten99PolicyApi', required: true, testedBy: 'ten99PolicyApiTest' }],
		properties: buildProperties(),
	};

	methods = {
		listSearch: listSearchMethods,
		loadOptions: loadOptionsMethods,
		credentialTest: { ten99PolicyApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as string;
		// With Resource "Custom API Call" n8n shows no Operation, so it is read with a fallback first.
		refuseCustomApiCall(this, resource, this.getNodeParameter('operation', 0, '') as string, '1099Policy API');
		const operation = this.getNodeParameter('operation', 0) as string;
		const spec = resourceSpec(resource);
		const op: OperationSpec = operationSpec(resource, operation);
		const first = this.getNodeParameter('options', 0, {}) as ItemOptions;
		// The most requests in flight: the option when added, else AUTO_MAX_IN_PARALLEL; below it the node adapts.
		const maxInParallel = Math.min(MAX_IN_PARALLEL, Math.max(1, Math.floor(first.concurrency ?? AUTO_MAX_IN_PARALLEL)));
		const traffic = trafficControl(maxInParallel, sleep, () => performance.now());
		const client = await ten99PolicyClient(this, {
			maxRetries: first.maxRetries ?? 3,
			gate: traffic.gate,
			pacer: traffic.pacer,
			onRetry: (info) =>
				this.logger.debug(`1099Policy ${info.method} ${info.path}: retry ${info.attempt} in ${info.delayMs} ms after ${info.reason}`),
		});
		const zone = this.getTimezone();
		const continueOnFail = this.continueOnFail();
		const cache = new Map<string, Promise<unknown>>();
		const simplifiable = this.getNode().typeVersion >= 2 && offersSimplify(spec, operation);

		// An item's parameters, read in the order the node always read them (the first failure is the item's error).
		const readItem = async (i: number) => {
			const { input, moneyUnit } = await readOperationInput(this, i, spec, op);
			const options = i === 0 ? first : (this.getNodeParameter('options', i, {}) as ItemOptions);
			const returnAll = op.paginated ? (this.getNodeParameter('returnAll', i, false) as boolean) : false;
			const limit = op.paginated ? (this.getNodeParameter('limit', i, 50) as number) : 0;
			const simplify = simplifiable && this.getNodeParameter('simplify', i, true) === true;
			return { input, moneyUnit, options, returnAll, limit, simplify };
		};

		const work = mapWithConcurrency(items, () => traffic.limit, async (_item, i): Promise<INodeExecutionData[]> => {
			try {
				const { input, moneyUnit, options, returnAll, limit, simplify } = await readItem(i);
				const objects = await runOperation(client, resource, operation, op, input, {
					idempotencyKey: options.sendIdempotencyKey === false ? false : options.idempotencyKey || undefined,
					returnAll,
					limit,
					checkReturning: options.checkReturning !== false,
					knownEntityId: typeof options.knownEntityId === 'string' ? options.knownEntityId.trim() : '',
					// A number or other non-string from an expression is kept, so it is refused as an ID rather than ignored.
					knownId: options.knownId === undefined || options.knownId === null ? '' : String(options.knownId),
					unchanged: options.unchanged === true,
					convert: { moneyUnit, zone },
					cache,
				});
				const output = simplify ? objects.map((object) => simplifyObject(spec, object)) : objects;
				return output.map((json) => ({ json: json as INodeExecutionData['json'], pairedItem: { item: i } }));
			} catch (error) {
				if (continueOnFail) {
					const failed: INodeExecutionData = { json: errorJson(error, i) as INodeExecutionData['json'], pairedItem: { item: i } };
					// Under "Continue (using error output)" n8n sends only items carrying `error` to the error output (and
					// then shows its message as json.error); without it the failed item would go down the success branch.
					// n8n shows only the error's message there, so the fix goes into the message too.
					if (this.getNode().onError === 'continueErrorOutput') failed.error = toNodeError(this.getNode(), error, i, { fixInMessage: true });
					return [failed];
				}
				throw toNodeError(this.getNode(), error, i);
			}
		});
		return [(await work).flat()];
	}
}
