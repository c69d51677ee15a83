import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { errorJson, mapRecord, parseRules, CERTIFICATE_BINARY_PROPERTY, type MappingRules, type Operation } from '../../src/mapping';
import { describeValue, ValueError } from '../../src/util/valueError';
import { properties } from './description';
import { readRules, rulesVaryByItem } from './readRules';

/**
 * Maps JobDiva records to ready 1099Policy request bodies, following the JobDiva → 1099Policy integration guide
 * (§4.1–4.7). Pure rules live in src/mapping; this class only reads parameters and routes outcomes:
 * output 0 "Mapped" (bodies + idempotency keys, or error items under Continue On Fail), output 1 "Skipped".
 */
export class JobDivaToTen99 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'JobDiva to 1099Policy',
		name: 'jobDivaToTen99',
		icon: { light: 'file:jobDivaToTen99.svg', dark: 'file:jobDivaToTen99.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"mapPlacement": "Map Placement", "mapCandidate": "Map Candidate", "mapJob": "Map Job", "mapTimesheetOrInvoice": "Map Timesheet or Invoice", "mapAttachment": "Map Attachment"}[$parameter["operation"]] }}',
		description:
			'Turn JobDiva candidates, jobs, placements, timesheets and attachments into 1099Policy request bodies with idempotency keys; non-contractor items go to Skipped',
		defaults: { name: 'JobDiva to 1099Policy' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Mapped' },
			{ type: NodeConnectionTypes.Main, displayName: 'Skipped' },
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const mapped: INodeExecutionData[] = [];
		const skipped: INodeExecutionData[] = [];
		const continueOnFail = this.continueOnFail();
		// Rules without expressions are read and parsed for the first item only (a failure is not kept: each item reports it).
		const perItem = rulesVaryByItem(this);
		let runRules: MappingRules | undefined;

		for (let i = 0; i < items.length; i++) {
			try {
				const operation = this.getNodeParameter('operation', i) as Operation;
				const rules = perItem ? parseRules(readRules(this, i)) : (runRules ??= parseRules(readRules(this, i)));
				const outcome = mapRecord(items[i].json, operation, rules);
				if (outcome.kind === 'skipped') {
					skipped.push({ json: outcome.json as unknown as IDataObject, pairedItem: { item: i } });
				} else if (outcome.kind === 'mapped') {
					const item: INodeExecutionData = { json: outcome.json as unknown as IDataObject, pairedItem: { item: i } };
					if (outcome.file) {
						item.binary = {
							[CERTIFICATE_BINARY_PROPERTY]: await this.helpers.prepareBinaryData(outcome.file.data, outcome.file.fileName, outcome.file.mimeType),
						};
					}
					mapped.push(item);
				} else {
					mapped.push({ json: outcome.json as unknown as IDataObject, pairedItem: { item: i } });
				}
			} catch (error) {
				if (error instanceof ValueError) {
					const failure = new NodeOperationError(this.getNode(), `[item ${i}] ${error.message}`, {
						itemIndex: i,
						description: `JobDiva field: ${error.field}. Value: ${describeValue(error.value)}. Fix: ${error.fix}`,
					});
					if (continueOnFail) {
						const item: INodeExecutionData = { json: errorJson(error) as unknown as IDataObject, pairedItem: { item: i } };
						// Under "Continue (using error output)" n8n routes only items carrying `error` to the error output.
						if (this.getNode().onError === 'continueErrorOutput') item.error = failure;
						mapped.push(item);
						continue;
					}
					throw failure;
				}
				if (continueOnFail) {
					const message = error instanceof Error ? error.message : String(error);
					mapped.push({ json: { error: message, field: null, value: null, fix: 'Report this as a bug with the input item.' }, pairedItem: { item: i } });
					continue;
				}
				throw new NodeOperationError(this.getNode(), error instanceof Error ? error : new Error(String(error)), { itemIndex: i });
			}
		}
		// As an AI agent's tool (n8n registers it as "<name>Tool") the agent receives output 0 only, so Skipped items
		// join it, marked, with the reason: otherwise the agent would never learn why an item was left out.
		if (this.getNode().type.endsWith('Tool')) {
			const all = [...mapped, ...skipped.map((item) => ({ ...item, json: { skipped: true, ...item.json } }))];
			return [all.sort((a, b) => (a.pairedItem as IPairedItemData).item - (b.pairedItem as IPairedItemData).item)];
		}
		return [mapped, skipped];
	}
}
