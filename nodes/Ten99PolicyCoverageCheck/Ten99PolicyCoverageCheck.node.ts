import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPairedItemData,
} from 'n8n-workflow';
import { DateTime } from 'luxon';
import type { MappedPlacement } from '../../src/ledger/compare';
import { listCoverage, placementOf, reconcile, type Placement } from '../../src/ledger/reconcile';
import type { LedgerRow } from '../../src/ledger/row';
import { ledgerRowsOf } from '../shared/ledgerRows';
import { toNodeError } from '../Ten99Policy/errors';
import { TEN99POLICY_CREDENTIAL, ten99PolicyClient } from '../shared/ten99PolicyTransport';

/**
 * Reconciles coverage: lists 1099Policy's jobs, quotes, application sessions, policies and assignments (Return All,
 * pages of 100), groups them by the JobDiva IDs in their custom_metadata and compares them with JobDiva's
 * placements and the placement ledger (read by n8n's Data table node). Its own node rather than an operation of
 * Compare with ledger: it needs the 1099Policy credential and has other outputs. The logic is src/ledger/reconcile.ts.
 */
export class Ten99PolicyCoverageCheck implements INodeType {
	description: INodeTypeDescription = {
		displayName: '1099Policy Coverage Check',
		name: 'ten99PolicyCoverageCheck',
		icon: { light: 'file:coverage.svg', dark: 'file:coverage.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'Reconcile',
		description:
			'Find contractor placements without coverage, coverage without a placement, double coverage, date mismatches and stale ledger rows',
		defaults: { name: 'Reconcile coverage' },
		usableAsTool: true,
		credentials: [{ name: TEN99POLICY_CREDENTIAL, required: true }],
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Placements' },
			{ type: NodeConnectionTypes.Main, displayName: 'Ledger rows' },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Findings' },
			{ type: NodeConnectionTypes.Main, displayName: 'Ledger rows to write' },
		],
		properties: [
			{
				displayName:
					'Placements: the Mapped output of JobDiva to 1099Policy → Map Placement, for every placement that may still run. Ledger rows: a Data table node (Get, Return All) on the placement ledger. Findings: one item per finding, most urgent first, then a summary item. Ledger rows to write: stale rows corrected and missing rows rebuilt from 1099Policy.',
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
					'Whether the placement was ended early, terminated or cancelled in JobDiva (usually an expression on its status). Placements past their end date count as ended too.',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const today = DateTime.utc().toISODate() ?? '';
		const placements: Placement[] = [];
		for (const [i, item] of this.getInputData(0).entries()) {
			const mapped = item.json as unknown as MappedPlacement;
			if (!mapped.jobdiva?.placementId) {
				throw new NodeOperationError(this.getNode(), `Placement ${i} has no jobdiva.placementId`, {
					itemIndex: i,
					description: 'Feed the Mapped output of Map Placement into the Placements input.',
				});
			}
			placements.push(placementOf(mapped, this.getNodeParameter('ended', i, false) as boolean, today));
		}
		const rows: LedgerRow[] = [];
		// Each finding and row is paired with its placement (input 1) or else its ledger row (input 2).
		const source = new Map<string, IPairedItemData>();
		for (const [item, p] of placements.entries()) source.set(p.placementId, { item, input: 0 });
		for (const { index, row } of ledgerRowsOf(this)) {
			if (!source.has(row.placementId)) source.set(row.placementId, { item: index, input: 1 });
			rows.push(row);
		}
		const client = await ten99PolicyClient(this);
		let index;
		try {
			index = await listCoverage(client);
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0);
		}
		const result = reconcile(index, placements, rows);
		const all = placements.map((_, item) => ({ item, input: 0 }));
		const pairedOf = (placementId: string) => source.get(placementId) ?? all;
		return [
			[
				...result.findings.map((finding) => ({ json: finding as unknown as IDataObject, pairedItem: pairedOf(finding.placementId) })),
				{ json: result.summary as unknown as IDataObject, pairedItem: all },
			],
			result.rows.map((row) => ({ json: { row } as unknown as IDataObject, pairedItem: pairedOf(row.placementId) })),
		];
	}
}
