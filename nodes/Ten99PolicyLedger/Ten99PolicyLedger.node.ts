import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { decide, type MappedPlacement, type Route } from '../../src/ledger/compare';
import { itemError, ledgerRowsOf } from '../shared/ledgerRows';

const ROUTES: Route[] = ['send', 'end', 'unchanged'];

/**
 * Compares each mapped placement with its rows in the placement ledger (an n8n Data Table, read by n8n's own
 * Data table node — a community node may not open data tables itself) and routes it: Send (new, changed, or a run
 * to finish), End (ended in JobDiva while covered) or Unchanged (nothing to send). The decision lives in
 * src/ledger/compare.ts; this class reads the two inputs and routes.
 */
export class Ten99PolicyLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '1099Policy Placement Ledger',
		name: 'ten99PolicyLedger',
		icon: { light: 'file:ledger.svg', dark: 'file:ledger.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'Compare with ledger',
		description: 'Decide from the placement ledger what a JobDiva placement needs from 1099Policy: create, update, end, or nothing',
		defaults: { name: 'Compare with ledger' },
		usableAsTool: true,
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Placements' },
			{ type: NodeConnectionTypes.Main, displayName: 'Ledger rows' },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Send' },
			{ type: NodeConnectionTypes.Main, displayName: 'End' },
			{ type: NodeConnectionTypes.Main, displayName: 'Unchanged' },
		],
		properties: [
			{
				displayName:
					'Placements: the Mapped output of JobDiva to 1099Policy → Map Placement. Ledger rows: a Data table node (Get, By Name) returning the rows of these placements and candidates.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Ended in JobDiva',
				name: 'ended',
				type: 'boolean',
				default: false,
				description:
					'Whether the placement was ended early, terminated or cancelled in JobDiva (usually an expression on its status). Live coverage of an ended placement goes to End.',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const placements = this.getInputData(0);
		const rows = ledgerRowsOf(this).map(({ row }) => row);
		const out: INodeExecutionData[][] = ROUTES.map(() => []);
		for (let i = 0; i < placements.length; i++) {
			try {
				const ended = this.getNodeParameter('ended', i, false) as boolean;
				const decision = decide(placements[i].json as unknown as MappedPlacement, rows, ended);
				out[ROUTES.indexOf(decision.route)].push({ json: decision as unknown as IDataObject, pairedItem: { item: i, input: 0 } });
			} catch (error) {
				out[0].push(itemError(this, error, i));
			}
		}
		return out;
	}
}
