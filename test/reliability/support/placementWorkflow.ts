import type { IConnections, INode, INodeParameters } from 'n8n-workflow';
import { JobDivaToTen99 } from '../../../nodes/JobDivaToTen99/JobDivaToTen99.node';
import { BASE_NODE_DOUBLES } from '../../helpers/baseNodeDoubles';
import { PACKAGE, registerNodeType } from '../../helpers/nodeTypes';
import type { WorkflowJson } from '../../helpers/workflow';
import { REFUSED_CATEGORY, type PlacementItem } from './placements';

/**
 * The placement chain the template implements, built from our nodes for the in-process runner:
 * JobDivaToTen99 (Map Placement) → Entity Find or Create → Contractor Create or Update → Job Create → Quote Create
 * → If returning_contractor → Assignment Create (true) / Application Session Create (false).
 * Bodies come from the mapping in JSON mode with the mapping's idempotency keys (src/mapping/README.md); IDs of
 * objects created earlier in the chain are merged in by expression.
 */

export const NODE = {
	items: 'Placements',
	map: 'Map Placement',
	entity: 'Find or Create Entity',
	contractor: 'Create or Update Contractor',
	job: 'Create Job',
	quote: 'Create Quote',
	returning: 'Returning Contractor?',
	assignment: 'Create Assignment',
	session: 'Create Application Session',
} as const;

/** Nodes in the order a placement passes them (If included: it reports no errors but carries the pairing). */
export const CHAIN_ORDER = [NODE.map, NODE.entity, NODE.contractor, NODE.job, NODE.quote, NODE.returning] as const;

export interface ChainOptions {
	/** Requests in Parallel of every 1099Policy node (default: the node's default). */
	concurrency?: number;
	maxRetries?: number;
	/** Continue On Fail (regular output) on every node. */
	continueOnFail?: boolean;
}

let registered = false;
export function registerChainNodeTypes(): void {
	if (registered) return;
	registerNodeType(`${PACKAGE}.jobDivaToTen99`, new JobDivaToTen99());
	registerNodeType('n8n-nodes-base.if', BASE_NODE_DOUBLES['n8n-nodes-base.if']);
	registered = true;
}

const mapped = (part: string) => `$('${NODE.map}').item.json.${part}`;
const idOf = (node: string) => `$('${node}').item.json.id`;

export function placementWorkflow(items: PlacementItem[], options: ChainOptions = {}): WorkflowJson {
	registerChainNodeTypes();
	const onError = options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {};
	const requestOptions = (key: string): INodeParameters => ({
		idempotencyKey: key,
		...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
		...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
	});
	const api = (name: string, resource: string, operation: string, body: string, key: string, x: number, y = 0): INode => ({
		id: name,
		name,
		type: `${PACKAGE}.ten99Policy`,
		typeVersion: 1,
		position: [x, y],
		parameters: { resource, operation, inputMode: 'json', jsonBody: `={{ ${body} }}`, options: requestOptions(`={{ ${key} }}`) },
		credentials: { ten99PolicyApi: { id: '1', name: '1099Policy sandbox' } },
		...onError,
	});
	const nodes: INode[] = [
		{ id: 'items', name: NODE.items, type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(items) } },
		{
			id: 'map',
			name: NODE.map,
			type: `${PACKAGE}.jobDivaToTen99`,
			typeVersion: 1,
			position: [200, 0],
			parameters: {
				operation: 'mapPlacement',
				categoryTable: {
					rules: [
						{ match: 'title', pattern: 'analyst', code: 'jc_DATA_ANALYTICS' },
						{ match: 'title', pattern: 'welder', code: REFUSED_CATEGORY },
					],
				},
				clientTable: { clients: [{ client: '501', coverageTypes: ['general'] }] },
				successUrlTemplate: 'https://dash.example.com/placements/{placementId}?coverage=active',
				cancelUrlTemplate: 'https://dash.example.com/placements/{placementId}?coverage=canceled',
			},
			...onError,
		},
		api(
			NODE.entity,
			'entity',
			'findOrCreate',
			`{ name: $('${NODE.items}').item.json.job.COMPANYNAME, required_coverage: ['general'] }`,
			`'jobdiva-client-' + $('${NODE.items}').item.json.job.COMPANYID`,
			400,
		),
		api(NODE.contractor, 'contractor', 'upsert', mapped('contractor.body'), mapped('contractor.idempotencyKey'), 600),
		api(NODE.job, 'job', 'create', `{ ...${mapped('job.body')}, entity: ${idOf(NODE.entity)} }`, mapped('job.idempotencyKey'), 800),
		api(
			NODE.quote,
			'quote',
			'create',
			`{ ...${mapped('quote.body')}, contractor: ${idOf(NODE.contractor)}, job: ${idOf(NODE.job)} }`,
			mapped('quote.idempotencyKey'),
			1000,
		),
		{
			id: 'if',
			name: NODE.returning,
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			position: [1200, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
					conditions: [
						{
							id: 'returning',
							leftValue: `={{ $('${NODE.contractor}').item.json.returning_contractor }}`,
							rightValue: '',
							operator: { type: 'boolean', operation: 'true', singleValue: true },
						},
					],
					combinator: 'and',
				},
				looseTypeValidation: true,
				options: {},
			},
		},
		api(
			NODE.assignment,
			'assignment',
			'create',
			`{ ...${mapped('assignment.body')}, contractor: ${idOf(NODE.contractor)}, job: ${idOf(NODE.job)} }`,
			mapped('assignment.idempotencyKey'),
			1400,
			-100,
		),
		api(NODE.session, 'applicationSession', 'create', `{ ...${mapped('session.body')}, quote: ${idOf(NODE.quote)} }`, mapped('session.idempotencyKey'), 1400, 100),
	];
	const to = (node: string) => [{ node, type: 'main' as const, index: 0 }];
	const connections: IConnections = {
		[NODE.items]: { main: [to(NODE.map)] },
		[NODE.map]: { main: [to(NODE.entity)] },
		[NODE.entity]: { main: [to(NODE.contractor)] },
		[NODE.contractor]: { main: [to(NODE.job)] },
		[NODE.job]: { main: [to(NODE.quote)] },
		[NODE.quote]: { main: [to(NODE.returning)] },
		[NODE.returning]: { main: [to(NODE.assignment), to(NODE.session)] },
	};
	return { nodes, connections };
}
