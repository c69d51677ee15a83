import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { FieldSpec, OperationSpec, ResourceSpec } from '../../src/ten99policy/fields';
import { RESOURCES } from '../../src/ten99policy/resources';

/**
 * Resources whose IDs node version 1 offers as a resource locator, frozen: version 1's other IDs are plain strings,
 * and saved version-1 workflows store them so. From version 2 every resource with `search` in the declaration has one.
 */
export const SEARCHABLE = new Set(['contractor', 'entity', 'job', 'quote', 'policy']);

/** Whether an ID of `ref` is a resource locator in node version `version`. */
export function hasLocator(ref: string, version: number): boolean {
	if (version < 2) return SEARCHABLE.has(ref);
	return (RESOURCES as Record<string, ResourceSpec>)[ref]?.search !== undefined;
}

export function searchMethodName(resource: string): string {
	return `search${resource.charAt(0).toUpperCase()}${resource.slice(1)}s`;
}

function titleOption(value: string): INodePropertyOptions {
	const name = value
		.split(/[-_.]/)
		.map((part) => part.charAt(0).toUpperCase() + part.slice(1))
		.join(' ');
	return { name: value.includes('.') ? value : name, value };
}

const ADDRESS_PARTS: INodeProperties[] = [
	{ displayName: 'Line 1', name: 'line1', type: 'string', default: '', description: 'Street address or PO box' },
	{ displayName: 'Line 2', name: 'line2', type: 'string', default: '', description: 'Apartment, suite, unit or building' },
	{ displayName: 'Locality', name: 'locality', type: 'string', default: '', description: 'City or town' },
	{ displayName: 'Region', name: 'region', type: 'string', default: '', placeholder: 'CA', description: '2-letter state code' },
	{ displayName: 'Postal Code', name: 'postalcode', type: 'string', default: '', description: 'ZIP or postal code' },
	{ displayName: 'Country', name: 'country', type: 'string', default: 'US', description: '2-letter country code' },
];

/**
 * An ID parameter: a resource locator (From List, By ID) for resources with list search, else a plain string.
 * No "By URL" mode: 1099Policy documents no dashboard URL per object.
 */
export function idProperty(name: string, displayName: string, ref: string, required: boolean, description: string, version = 1): INodeProperties {
	const spec = (RESOURCES as Record<string, ResourceSpec>)[ref];
	const idMode = {
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder: `${spec.idPrefix}...`,
		validation: [
			{
				type: 'regex' as const,
				properties: { regex: `^${spec.idPrefix}\\S+$`, errorMessage: `A ${spec.displayName} ID starts with ${spec.idPrefix}` },
			},
		],
	};
	if (!hasLocator(ref, version)) {
		return { displayName, name, type: 'string', required, default: '', placeholder: `${spec.idPrefix}...`, description };
	}
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required,
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: searchMethodName(ref), searchable: true, searchFilterRequired: false },
			},
			idMode,
		],
	};
}

/** The n8n parameter for one declared field (top-level when required, inside a collection when optional). */
export function fieldProperty(name: string, spec: FieldSpec, required: boolean): INodeProperties {
	const base = { displayName: spec.displayName, name, required, description: spec.description };
	switch (spec.kind) {
		case 'id':
			return idProperty(name, spec.displayName, spec.ref ?? '', required, spec.description);
		case 'categoryCode':
			return {
				...base,
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCategoryCodes' },
				default: '',
				description: `${spec.description}. Choose from the list, or specify a code using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			};
		case 'integer':
			return { ...base, type: 'number', default: 0, typeOptions: { minValue: spec.min ?? 0 } };
		case 'money':
			return {
				...base,
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 2 },
				description: `${spec.description}. Entered in the unit chosen under Amounts Entered In.`,
			};
		case 'boolean':
		case 'expand':
			return { ...base, type: 'boolean', default: spec.default === true };
		case 'timestamp':
			return {
				...base,
				type: 'dateTime',
				default: '',
				description: `${spec.description}. Accepts a date, an ISO string, Unix seconds or a Luxon date; sent as Unix seconds UTC (dates without a zone use the workflow's time zone).`,
			};
		case 'enum':
			return { ...base, type: 'options', options: (spec.options ?? []).map(titleOption), default: String(spec.default ?? spec.options?.[0] ?? '') };
		case 'enumList':
			return { ...base, type: 'multiOptions', options: (spec.options ?? []).map(titleOption), default: [] };
		case 'address':
			return {
				...base,
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Address',
				options: [{ displayName: 'Address', name: 'details', values: ADDRESS_PARTS }],
			};
		case 'object':
			return {
				...base,
				type: 'fixedCollection',
				default: {},
				placeholder: `Add ${spec.displayName}`,
				options: [
					{
						displayName: spec.displayName,
						name: 'values',
						values: Object.entries(spec.children ?? {}).map(([childName, child]) => fieldProperty(childName, child, true)),
					},
				],
			};
		case 'metadata':
			return {
				...base,
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Metadata',
				typeOptions: { multipleValues: true },
				options: [
					{
						displayName: 'Pair',
						name: 'pairs',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'jobdiva_candidate_id' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			};
		case 'file':
			return { ...base, type: 'string', default: String(spec.default ?? 'data') };
		case 'email':
			return { ...base, type: 'string', default: '', placeholder: spec.placeholder ?? 'name@email.com' };
		default:
			return { ...base, type: 'string', default: '', placeholder: spec.placeholder };
	}
}

export function hasMoney(resource: ResourceSpec, names: readonly string[]): boolean {
	return names.some((name) => {
		const spec = resource.fields[name];
		return spec.kind === 'money' || (spec.kind === 'object' && Object.values(spec.children ?? {}).some((c) => c.kind === 'money'));
	});
}

export function bodyFieldNames(op: OperationSpec): string[] {
	return [...(op.required ?? []), ...(op.optional ?? [])];
}
