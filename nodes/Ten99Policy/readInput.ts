import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { OperationSpec, ResourceSpec } from '../../src/ten99policy/fields';
import type { MoneyUnit } from '../../src/ten99policy/money';
import { needsId, type OperationInput } from '../../src/ten99policy/request';
import { ValueError } from '../../src/util/valueError';
import { jsonInputProblem } from '../../src/util/bounds';

/**
 * Turns the node's parameters for item `i` into the client's input: fields by API name, in their API shape
 * (fixedCollection wrappers removed, metadata pairs folded into an object). Conversion and validation of the
 * values themselves happen in src/ten99policy.
 */
export async function readOperationInput(
	ctx: IExecuteFunctions,
	i: number,
	resource: ResourceSpec,
	op: OperationSpec,
): Promise<{ input: OperationInput; moneyUnit: MoneyUnit }> {
	const input: OperationInput = {};
	if (needsId(op)) input.id = ctx.getNodeParameter('id', i, '', { extractValue: true });
	const fields: Record<string, unknown> = {};
	let moneyUnit: MoneyUnit = 'cents';
	const names = [...(op.required ?? []), ...(op.optional ?? [])];

	if (names.length > 0) {
		const mode = op.multipart ? 'fields' : (ctx.getNodeParameter('inputMode', i, 'fields') as string);
		if (mode === 'json') {
			Object.assign(fields, parseJsonBody(ctx.getNodeParameter('jsonBody', i, '{}')));
		} else {
			if (names.some((name) => resource.fields[name].kind === 'money' || resource.fields[name].kind === 'object')) {
				moneyUnit = ctx.getNodeParameter('moneyUnit', i, 'dollars') as MoneyUnit;
			}
			for (const name of op.required ?? []) {
				const spec = resource.fields[name];
				if (spec.kind === 'file') {
					input.files = { [name]: await readBinary(ctx, i, ctx.getNodeParameter(name, i, 'data') as string) };
					continue;
				}
				fields[name] = fromUi(spec.kind, ctx.getNodeParameter(name, i, undefined, { extractValue: true }));
			}
			const collectionName = op.method === 'PUT' ? 'updateFields' : 'additionalFields';
			const extra = (op.optional?.length ? ctx.getNodeParameter(collectionName, i, {}, { extractValue: true }) : {}) as IDataObject;
			for (const [name, value] of Object.entries(extra)) {
				if (name === 'custom_metadata_json') continue;
				fields[name] = fromUi(resource.fields[name]?.kind, value);
			}
			if (extra.custom_metadata_json !== undefined) {
				const json = parseJsonBody(extra.custom_metadata_json, 'Custom Metadata (JSON)');
				fields.custom_metadata = { ...(fields.custom_metadata as object | undefined), ...json };
			}
		}
	}
	if (op.query?.length) {
		const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
		Object.assign(fields, filters);
	}
	input.fields = fields;
	return { input, moneyUnit };
}

/** Undoes n8n's fixedCollection wrappers: `{details: {...}}` → `{...}`, `{pairs: [{key, value}]}` → `{key: value}`. */
function fromUi(kind: string | undefined, value: unknown): unknown {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
	const record = value as IDataObject;
	if (kind === 'address' && 'details' in record) return record.details;
	if (kind === 'object' && 'values' in record) return record.values;
	if (kind === 'metadata' && 'pairs' in record) {
		const pairs = (record.pairs as Array<{ key?: string; value?: unknown }>) ?? [];
		return Object.fromEntries(pairs.filter((p) => p.key && p.key.trim() !== '').map((p) => [p.key!.trim(), p.value ?? '']));
	}
	return value;
}

function parseJsonBody(value: unknown, field = 'Body (JSON)'): Record<string, unknown> {
	let parsed = value;
	let syntaxError: string | undefined;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			syntaxError = (error as Error).message;
		}
	}
	if (syntaxError !== undefined) {
		throw new ValueError(field, value, `is not valid JSON (${syntaxError})`, 'Enter a JSON object, or map one with an expression such as {{ $json.contractor.body }}.');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new ValueError(field, value, 'is not a JSON object', 'Enter a JSON object such as {"first_name": "Jordan"}.');
	}
	// Before the object is copied anywhere: a "__proto__" key would become the copy's prototype.
	const bad = jsonInputProblem(parsed);
	if (bad) throw new ValueError(`${field} → ${bad.path}`, undefined, bad.problem, bad.fix);
	return parsed as Record<string, unknown>;
}

async function readBinary(ctx: IExecuteFunctions, i: number, property: string) {
	const items = ctx.getInputData();
	if (!items[i]?.binary?.[property]) {
		throw new ValueError(
			'Input Binary Field',
			property,
			`names no binary property on item ${i}`,
			`Make sure the previous node outputs the PDF as binary property "${property}" (e.g. JobDiva → Download Attachment), or change the field name.`,
		);
	}
	const binary = ctx.helpers.assertBinaryData(i, property);
	const data = await ctx.helpers.getBinaryDataBuffer(i, property);
	return { data, fileName: binary.fileName, mimeType: binary.mimeType };
}
