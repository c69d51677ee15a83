/* eslint-disable @n8n/community-nodes/node-usable-as-tool, @typescript-eslint/no-unused-vars -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { orderBy } from 'lodash';

/*
 * A test double of n8n's Data table node (n8n-nodes-base.dataTable v1.1) for the parts the templates use: table
 * create ("Reuse Existing Tables"), row insert, get (optionally ordered by one column) / upsert / update with "eq"
 * conditions (any or all), the table found
 * By Name (n8n's lookup lower-cases the name) or by ID. Rows live in `dataTables` (per test: see
 * test/setup/freshProcessState.ts) with n8n's system columns id, createdAt and updatedAt. The real node runs in
 * the end-to-end tests, in real n8n, on its own database.
 */

export interface TableDouble {
	id: string;
	name: string;
	columns: string[];
	rows: IDataObject[];
	nextId: number;
	/** Count of reads and writes, for the benchmark's look-up and write figures. */
	reads: number;
	writes: number;
}

export const dataTables = new Map<string, TableDouble>();

export function forgetDataTables(): void {
	dataTables.clear();
	writeFailure = undefined;
	createRaces = 0;
}

let writeFailure: string | undefined;
let createRaces = 0;
/**
 * Makes the next `count` table creates fail as n8n's does when another execution created the same table a moment
 * earlier ("Reuse Existing Tables" checks, then inserts: two executions starting at once both insert).
 */
export function raceTableCreates(count: number): void {
	createRaces = count;
}
/** Makes every row write fail with `message` (as n8n's does when N8N_DATA_TABLES_MAX_SIZE_BYTES is reached); undefined to stop. */
export function failWrites(message: string | undefined): void {
	writeFailure = message;
}

/** The rows of a table, without n8n's system columns (what an ops person reads in the Data tables view). */
export function tableRows(name: string): IDataObject[] {
	return (dataTables.get(name.toLowerCase())?.rows ?? []).map(({ id: _id, createdAt: _c, updatedAt: _u, ...row }) => row);
}

interface Condition {
	keyName: string;
	condition?: string;
	keyValue?: unknown;
}

function tableOf(ctx: IExecuteFunctions, i: number): TableDouble {
	const locator = ctx.getNodeParameter('dataTableId', i) as { mode: string; value: string };
	const table =
		locator.mode === 'name' ? dataTables.get(String(locator.value).toLowerCase()) : [...dataTables.values()].find((t) => t.id === locator.value);
	if (!table) throw new NodeOperationError(ctx.getNode(), `Data table with name "${locator.value}" not found`);
	return table;
}

function matcher(ctx: IExecuteFunctions, i: number, table: TableDouble): (row: IDataObject) => boolean {
	const conditions = ctx.getNodeParameter('filters.conditions', i, []) as Condition[];
	const any = ctx.getNodeParameter('matchType', i, 'anyCondition') === 'anyCondition';
	for (const c of conditions) {
		if ((c.condition ?? 'eq') !== 'eq') throw new Error(`dataTable double: condition ${String(c.condition)} is not modelled`);
		if (!['id', ...table.columns].includes(c.keyName)) {
			throw new NodeOperationError(ctx.getNode(), `Filter validation failed: Column(s) "${c.keyName}" do not exist in the selected table.`);
		}
	}
	const test = (row: IDataObject, c: Condition) => String(row[c.keyName] ?? '') === String(c.keyValue ?? '');
	return (row) => conditions.length === 0 || (any ? conditions.some((c) => test(row, c)) : conditions.every((c) => test(row, c)));
}

function rowValues(ctx: IExecuteFunctions, i: number, table: TableDouble): IDataObject {
	const values = ctx.getNodeParameter('columns.value', i, {}) as IDataObject;
	for (const key of Object.keys(values)) {
		if (!table.columns.includes(key)) throw new NodeOperationError(ctx.getNode(), `unknown column name '${key}'`);
	}
	return values;
}

export class DataTableDouble implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Data table',
		name: 'dataTable',
		group: ['input', 'transform'],
		version: [1, 1.1],
		description: 'Data table (test double)',
		defaults: { name: 'Data table' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Resource', name: 'resource', type: 'options', default: 'row', options: [{ name: 'Row', value: 'row' }, { name: 'Table', value: 'table' }] },
			{ displayName: 'Operation', name: 'operation', type: 'string', default: 'get' },
			{ displayName: 'Data Table', name: 'dataTableId', type: 'resourceLocator', default: { mode: 'list', value: '' }, modes: [] },
			{ displayName: 'Table Name', name: 'tableName', type: 'string', default: '' },
			{ displayName: 'Columns', name: 'columns', type: 'json', default: {} },
			{ displayName: 'Must Match', name: 'matchType', type: 'string', default: 'anyCondition' },
			{ displayName: 'Conditions', name: 'filters', type: 'fixedCollection', typeOptions: { multipleValues: true }, default: {}, options: [{ displayName: 'Conditions', name: 'conditions', values: [{ displayName: 'Column', name: 'keyName', type: 'string', default: 'id' }, { displayName: 'Condition', name: 'condition', type: 'string', default: 'eq' }, { displayName: 'Value', name: 'keyValue', type: 'string', default: '' }] }] },
			{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false },
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 50 },
			{ displayName: 'Order By', name: 'orderBy', type: 'boolean', default: false },
			{ displayName: 'Order By Column', name: 'orderByColumn', type: 'string', default: 'createdAt' },
			{ displayName: 'Order By Direction', name: 'orderByDirection', type: 'string', default: 'ASC' },
			{ displayName: 'Options', name: 'options', type: 'json', default: {} },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const now = () => new Date().toISOString();
		for (let i = 0; i < this.getInputData().length; i++) {
			const emit = (json: IDataObject) => out.push({ json: { ...json }, pairedItem: { item: i } });
			if (resource === 'table' && operation === 'create') {
				const name = this.getNodeParameter('tableName', i) as string;
				if (createRaces > 0) {
					createRaces--;
					throw new NodeOperationError(this.getNode(), `duplicate key value violates unique constraint "UQ_data_table_name" (table ${name} created by another execution)`);
				}
				const existing = dataTables.get(name.toLowerCase());
				const options = this.getNodeParameter('options', i, {}) as IDataObject;
				if (existing && options.createIfNotExists !== false) {
					emit({ id: existing.id, name: existing.name });
					continue;
				}
				if (existing) throw new NodeOperationError(this.getNode(), `Data table with name '${name}' already exists`);
				const columns = (this.getNodeParameter('columns.column', i, []) as Array<{ name: string }>).map((c) => c.name);
				const table: TableDouble = { id: `dt${dataTables.size + 1}`, name, columns, rows: [], nextId: 1, reads: 0, writes: 0 };
				dataTables.set(name.toLowerCase(), table);
				emit({ id: table.id, name });
				continue;
			}
			const table = tableOf(this, i);
			const matches = matcher(this, i, table);
			if (operation === 'get') {
				table.reads++;
				const limit = this.getNodeParameter('returnAll', i, false) ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
				let rows = table.rows.filter(matches);
				if (this.getNodeParameter('orderBy', i, false)) {
					const column = this.getNodeParameter('orderByColumn', i, 'createdAt') as string;
					const direction = this.getNodeParameter('orderByDirection', i, 'ASC') === 'DESC' ? 'desc' : 'asc';
					rows = orderBy(rows, [(row) => row[column]], [direction]);
				}
				rows.slice(0, limit).forEach(emit);
			} else if (operation === 'insert') {
				table.writes++;
				const row: IDataObject = { id: table.nextId++, ...Object.fromEntries(table.columns.map((c) => [c, null])), ...rowValues(this, i, table), createdAt: now(), updatedAt: now() };
				table.rows.push(row);
				emit(row);
			} else if (operation === 'upsert' || operation === 'update') {
				if (writeFailure) {
					const failure = new NodeOperationError(this.getNode(), writeFailure, { itemIndex: i });
					if (!this.continueOnFail()) throw failure;
					out.push({ json: { ...this.getInputData()[i].json }, error: failure, pairedItem: { item: i } });
					continue;
				}
				table.writes++;
				const values = rowValues(this, i, table);
				const found = table.rows.filter(matches);
				for (const row of found) Object.assign(row, values, { updatedAt: now() });
				if (found.length === 0 && operation === 'upsert') {
					const row: IDataObject = { id: table.nextId++, ...Object.fromEntries(table.columns.map((c) => [c, null])), ...values, createdAt: now(), updatedAt: now() };
					table.rows.push(row);
					found.push(row);
				}
				found.forEach(emit);
			} else {
				throw new Error(`dataTable double: ${resource} ${operation} is not modelled`);
			}
		}
		return [out];
	}
}

/** Puts rows back into a table (tests that run a template several times keep one database across runs). */
export function restoreTables(name: string, rows: IDataObject[]): void {
	if (rows.length === 0) return;
	const table: TableDouble = { id: 'dt1', name, columns: Object.keys(rows[0]), rows: [], nextId: 1, reads: 0, writes: 0 };
	for (const row of rows) table.rows.push({ id: table.nextId++, ...row });
	dataTables.set(name.toLowerCase(), table);
}
