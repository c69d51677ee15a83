import { isEqual } from 'lodash';
import type { INodeProperties } from 'n8n-workflow';
import type { OperationSpec, ResourceSpec } from '../../src/ten99policy/fields';
import { needsId } from '../../src/ten99policy/request';
import { RESOURCES, RESOURCE_KEYS } from '../../src/ten99policy/resources';
import { offersSimplify } from '../../src/ten99policy/simplify';
import { bodyFieldNames, fieldProperty, hasMoney, idProperty } from './fieldParameters';

/**
 * Every parameter of the Ten99Policy node, derived from the resource declaration in src/ten99policy/resources.ts.
 * Adding a field or operation there adds it here, to the client and to the README table.
 *
 * One description serves node versions 1 and 2 (n8n's `@version` display option): a parameter that differs between
 * them is declared once per version, everything else once. Version 1 keeps exactly the parameters it always had.
 */
export function buildProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: RESOURCE_KEYS.map((key) => ({ name: RESOURCES[key].displayName, value: key, description: RESOURCES[key].description })),
			default: 'contractor',
		},
	];
	for (const key of RESOURCE_KEYS) {
		const resource: ResourceSpec = RESOURCES[key];
		const operations = Object.entries(resource.operations as Record<string, OperationSpec>);
		const firstOperation = operations[0][0];
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [key] } },
			options: operations
				.map(([value, op]) => ({ name: op.displayName, value, action: op.action, description: op.description }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: firstOperation,
		});
		for (const [opKey, op] of operations) properties.push(...operationProperties(key, resource, opKey, op));
	}
	return properties;
}

function operationProperties(resourceKey: string, resource: ResourceSpec, opKey: string, op: OperationSpec): INodeProperties[] {
	const show = { resource: [resourceKey], operation: [opKey] };
	const props: INodeProperties[] = [];
	if (needsId(op)) {
		const description = `The ${resource.displayName.toLowerCase()} to ${op.displayName.toLowerCase()}`;
		props.push(...perVersion(show, (version) => idProperty('id', resource.displayName, resourceKey, true, description, version)));
	}
	const fields = bodyFieldNames(op);
	if (fields.length > 0) props.push(...writeProperties(resource, op, show, fields));
	if (op.paginated) props.push(...paginationProperties(show));
	if (offersSimplify(resource, opKey)) {
		props.push({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			displayOptions: { show: { ...show, '@version': [2] } },
			description: `Whether to return only the fields most workflows need (${Object.keys(resource.simplified ?? {}).join(', ')}) instead of the whole ${resource.displayName.toLowerCase()}`,
		});
	}
	if (op.query && op.query.length > 0) {
		props.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show },
			options: op.query.map((name) => fieldProperty(name, resource.fields[name], false)),
		});
	}
	props.push(optionsProperty(resource, op, show));
	return props;
}

/** A parameter as versions 1 and 2 declare it: once when it is the same in both, else once per version. */
function perVersion(show: Record<string, string[]>, build: (version: number) => INodeProperties): INodeProperties[] {
	const [v1, v2] = [build(1), build(2)];
	if (isEqual(v1, v2)) return [{ ...v1, displayOptions: { show } }];
	return [
		{ ...v1, displayOptions: { show: { ...show, '@version': [1] } } },
		{ ...v2, displayOptions: { show: { ...show, '@version': [2] } } },
	];
}

function writeProperties(resource: ResourceSpec, op: OperationSpec, show: Record<string, string[]>, fields: string[]): INodeProperties[] {
	const props: INodeProperties[] = [];
	const usesJson = !op.multipart;
	if (usesJson) {
		props.push({
			displayName: 'Input Mode',
			name: 'inputMode',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show },
			options: [
				{ name: 'Fields', value: 'fields', description: 'Fill in each field' },
				{
					name: 'JSON',
					value: 'json',
					description: 'Pass a whole request body, e.g. from the JobDiva to 1099Policy node. Amounts in cents, dates in Unix seconds.',
				},
			],
			default: 'fields',
		});
		props.push({
			displayName: 'Body (JSON)',
			name: 'jsonBody',
			type: 'json',
			default: '{}',
			required: true,
			displayOptions: { show: { ...show, inputMode: ['json'] } },
			description: `The request body with 1099Policy's field names (${fields.join(', ')}). It is checked against the declaration before sending.`,
		});
	}
	const fieldShow = usesJson ? { ...show, inputMode: ['fields'] } : show;
	if (hasMoney(resource, fields)) {
		props.push({
			displayName: 'Amounts Entered In',
			name: 'moneyUnit',
			type: 'options',
			displayOptions: { show: fieldShow },
			options: [
				{ name: 'Dollars', value: 'dollars', description: 'E.g. 95.10 is sent as 9510 cents.' },
				{ name: 'Cents', value: 'cents', description: "1099Policy's own unit, e.g. 9510" },
			],
			default: 'dollars',
		});
	}
	for (const name of op.required ?? []) {
		props.push({ ...fieldProperty(name, resource.fields[name], true), displayOptions: { show: fieldShow } });
	}
	const optional = op.optional ?? [];
	if (optional.length > 0) {
		const isUpdate = op.method === 'PUT';
		const options = optional.map((name) => fieldProperty(name, resource.fields[name], false));
		if (optional.includes('custom_metadata')) {
			options.push({
				displayName: 'Custom Metadata (JSON)',
				name: 'custom_metadata_json',
				type: 'json',
				default: '{}',
				description: 'Metadata as a JSON object; merged with the key/value pairs above',
			});
		}
		props.push({
			displayName: isUpdate ? 'Update Fields' : 'Additional Fields',
			name: isUpdate ? 'updateFields' : 'additionalFields',
			type: 'collection',
			placeholder: isUpdate ? 'Add Field to Update' : 'Add Field',
			default: {},
			displayOptions: { show: fieldShow },
			options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	return props;
}

function paginationProperties(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			displayOptions: { show },
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { ...show, returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

function optionsProperty(resource: ResourceSpec, op: OperationSpec, show: Record<string, string[]>): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Requests in Parallel',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 4,
			description:
				'The most items sent to 1099Policy at once (1–100). Without this option: up to 64. The node starts with 4 (or this number, if lower) and adds more while answers come back quickly and without 429s; a 429 halves the number, and every request waits for its Retry-After. Output order and pairing are kept.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'Retries after 429, 5xx and dropped connections, with exponential backoff honouring Retry-After. POSTs are retried only with an idempotency key.',
		},
	];
	const runner = op.composite?.runner;
	const upsert = runner === 'contractorUpsert';
	// Contractor → Create or Update is idempotent by email and sends no key (see operations.ts), so it offers none.
	if (op.method === 'POST' && !upsert) {
		options.push(
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				placeholder: 'jobdiva-candidate-{{ $json.candidateId }}',
				description:
					'Sent as Ten99Policy-Idempotent-Key so a retry or re-run replays the first result instead of creating a duplicate. Empty: a random UUID v4 per item.',
			},
			{
				displayName: 'Send Idempotency Key',
				name: 'sendIdempotencyKey',
				type: 'boolean',
				default: true,
				description: 'Whether to send an idempotency key. Turning this off also turns off retries for this operation, since a repeated POST could create a duplicate.',
			},
		);
	}
	if (upsert) {
		options.push({
			displayName: 'Check Returning Contractor',
			name: 'checkReturning',
			type: 'boolean',
			default: true,
			description:
				'Whether to look up the policies of an existing contractor and output returning_contractor (true when one is active). A newly created contractor is never returning and costs no extra call.',
		});
	}
	if (upsert || runner === 'createOrUpdate') {
		const noun = resource.displayName.toLowerCase();
		options.push(
			{
				displayName: `${resource.displayName} ID (If Known)`,
				name: 'knownId',
				type: 'string',
				default: '',
				placeholder: `${resource.idPrefix}...`,
				description: upsert
					? 'The contractor\'s ID when it exists already (e.g. from your placement ledger): it is updated in place, never created again, so an email change updates the same contractor. Empty: create it, or find it by email when the email exists.'
					: `The ${noun}'s ID when it exists already (e.g. from your placement ledger): it is updated (PUT) with the fields its Update accepts instead of created. Empty: the ${noun} is created.`,
			},
			{
				displayName: 'Unchanged Since Last Sent',
				name: 'unchanged',
				type: 'boolean',
				default: false,
				description: `Whether nothing changed since the ${noun} was last sent; set it from your ledger. When true and the ID is known, no call is made and the item passes on with its ID and upsert_result "unchanged"${upsert ? ' (plus returning_contractor from one policies lookup when Check Returning Contractor is on)' : ''}.`,
			},
		);
	}
	if (runner === 'entityFindOrCreate') {
		options.push({
			displayName: 'Entity ID (If Known)',
			name: 'knownEntityId',
			type: 'string',
			default: '',
			placeholder: 'en_12AbC3',
			description:
				'An entity ID to use as is, with no call to 1099Policy (e.g. the client\'s entity from the Client Table, mapped in from the input item). Empty: find the entity by name, or create it.',
		});
	}
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
