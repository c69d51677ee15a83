import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import { readRow, type LedgerRow } from '../../src/ledger/row';
import { describeValue } from '../../src/util/valueError';

/**
 * The placement ledger's rows on a node's second input (what n8n's Data table node returned), with each row's item
 * index. An empty item (the Data table node found nothing) is skipped; a row the ledger cannot read stops the node,
 * naming the row and the fix.
 */
export function ledgerRowsOf(ctx: IExecuteFunctions): Array<{ index: number; row: LedgerRow }> {
	const rows: Array<{ index: number; row: LedgerRow }> = [];
	for (const [index, item] of (ctx.getInputData(1) ?? []).entries()) {
		if (item.json.placementId === undefined) continue;
		const row = readRow(item.json);
		if (!row) {
			throw new NodeOperationError(ctx.getNode(), `Ledger row ${index} (placement ${describeValue(item.json.placementId)}) cannot be read`, {
				description: 'A column holds a value the ledger does not know (e.g. a hand-edited state). Fix or delete the row in the Data tables view; the next run or the daily coverage check rebuilds a deleted row.',
			});
		}
		rows.push({ index, row });
	}
	return rows;
}
