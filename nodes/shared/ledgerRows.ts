import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { readRow, type LedgerRow } from '../../src/ledger/row';
import { describeValue, ValueError } from '../../src/util/valueError';

/** How one ledger's rows are recognised and read on a node input. */
export interface LedgerRowsInput<R> {
	input: number;
	/** The column every row of this ledger has (an item without it is the Data table node's "nothing found"). */
	key: string;
	read: (raw: Record<string, unknown>) => R | undefined;
	/** In the error: `<what> <index> (<keyLabel> <value>) cannot be read`. */
	what: string;
	keyLabel: string;
	fix: string;
}

/**
 * A ledger's rows on a node input (what n8n's Data table node returned), with each row's item index. An empty item
 * (the Data table node found nothing) is skipped; a row the ledger cannot read stops the node, naming the row and the fix.
 */
export function rowsOnInput<R>(ctx: IExecuteFunctions, spec: LedgerRowsInput<R>): Array<{ index: number; row: R }> {
	const rows: Array<{ index: number; row: R }> = [];
	for (const [index, item] of (ctx.getInputData(spec.input) ?? []).entries()) {
		if (item.json[spec.key] === undefined) continue;
		const row = spec.read(item.json);
		if (!row) {
			throw new NodeOperationError(ctx.getNode(), `${spec.what} ${index} (${spec.keyLabel} ${describeValue(item.json[spec.key])}) cannot be read`, {
				description: spec.fix,
			});
		}
		rows.push({ index, row });
	}
	return rows;
}

/** The placement ledger's rows on a node's second input. */
export function ledgerRowsOf(ctx: IExecuteFunctions): Array<{ index: number; row: LedgerRow }> {
	return rowsOnInput(ctx, {
		input: 1,
		key: 'placementId',
		read: readRow,
		what: 'Ledger row',
		keyLabel: 'placement',
		fix: 'A column holds a value the ledger does not know (e.g. a hand-edited state). Fix or delete the row in the Data tables view; the next run or the daily coverage check rebuilds a deleted row.',
	});
}

/**
 * A ledger node's failure for item `i`: a ValueError names the item, field and fix — thrown, or under Continue On Fail
 * returned as an error item for the first output, paired to the item; anything else is thrown as n8n's error.
 */
export function itemError(ctx: IExecuteFunctions, error: unknown, i: number): INodeExecutionData {
	if (!(error instanceof ValueError)) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: i });
	const failure = new NodeOperationError(ctx.getNode(), `[item ${i}] ${error.message}`, { itemIndex: i, description: `Fix: ${error.fix}` });
	if (!ctx.continueOnFail()) throw failure;
	return { json: { error: error.message, field: error.field, fix: error.fix }, error: failure, pairedItem: { item: i, input: 0 } };
}
