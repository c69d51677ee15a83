import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { decideInvoice, estimateOf, onePerCycle, readInvoiceRow, type InvoiceDecision, type InvoiceRoute, type MappedPay } from '../../src/ledger/invoices';
import { itemError, ledgerRowsOf, rowsOnInput } from '../shared/ledgerRows';

const ROUTES: InvoiceRoute[] = ['create', 'update', 'asEstimated', 'unchanged', 'notInsured'];

/**
 * Compares each mapped timesheet (or JobDiva invoice) with the placement ledger (is the placement insured, and as
 * which 1099Policy contractor and job) and the invoice ledger (was this pay cycle recorded, and with what gross pay),
 * both read by n8n's own Data table nodes, and routes it: Create, Update (a corrected timesheet), As Estimated (the
 * pay equals the placement's estimate: no invoice), Unchanged or Not Insured. The rules live in src/ledger/invoices.ts.
 */
export class Ten99PolicyInvoiceLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '1099Policy Invoice Ledger',
		name: 'ten99PolicyInvoiceLedger',
		icon: { light: 'file:ledger.svg', dark: 'file:ledger.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'Compare with invoice ledger',
		description: 'Decide from the placement and invoice ledgers whether a JobDiva timesheet needs a 1099Policy invoice: create, update, or nothing',
		defaults: { name: 'Compare with invoice ledger' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Timesheets' },
			{ type: NodeConnectionTypes.Main, displayName: 'Placement ledger rows' },
			{ type: NodeConnectionTypes.Main, displayName: 'Invoice ledger rows' },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Create' },
			{ type: NodeConnectionTypes.Main, displayName: 'Update' },
			{ type: NodeConnectionTypes.Main, displayName: 'As Estimated' },
			{ type: NodeConnectionTypes.Main, displayName: 'Unchanged' },
			{ type: NodeConnectionTypes.Main, displayName: 'Not Insured' },
		],
		properties: [
			{
				displayName:
					'Timesheets: the Mapped output of JobDiva to 1099Policy → Map Timesheet or Invoice. Placement ledger rows and Invoice ledger rows: Data table nodes (Get, By Name) returning the rows of these candidates.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Hours Worked',
				name: 'hoursWorked',
				type: 'string',
				default: '',
				placeholder: 'e.g. 42.5',
				description: 'All hours of the pay cycle (regular and overtime), for the estimate. Empty: no estimate, the pay is always recorded.',
			},
			{
				displayName: 'Agreed Pay Rate',
				name: 'agreedPayRate',
				type: 'string',
				default: '',
				placeholder: 'e.g. 95.10',
				description:
					"The placement's agreed hourly pay rate in dollars (the wage 1099Policy's job was given). Pay equal to hours × this rate is as estimated and needs no invoice. Empty (e.g. a flat-fee placement): the pay is always recorded.",
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData(0);
		const placements = ledgerRowsOf(this).map(({ row }) => row);
		const invoices = rowsOnInput(this, {
			input: 2,
			key: 'cycleKey',
			read: readInvoiceRow,
			what: 'Invoice ledger row',
			keyLabel: 'pay cycle',
			fix: 'A column holds a value the invoice ledger does not know (e.g. a hand-edited state). Fix the row in the Data tables view.',
		}).map(({ row }) => row);
		const out: INodeExecutionData[][] = ROUTES.map(() => []);
		const decided: Array<{ item: number; decision: InvoiceDecision }> = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const estimate = estimateOf(this.getNodeParameter('hoursWorked', i, ''), this.getNodeParameter('agreedPayRate', i, ''));
				decided.push({ item: i, decision: decideInvoice(items[i].json as unknown as MappedPay, placements, invoices, estimate) });
			} catch (error) {
				out[0].push(itemError(this, error, i));
			}
		}
		const final = onePerCycle(decided.map(({ decision }) => decision));
		decided.forEach(({ item }, k) => {
			out[ROUTES.indexOf(final[k].route)].push({ json: final[k] as unknown as IDataObject, pairedItem: { item, input: 0 } });
		});
		return out;
	}
}
