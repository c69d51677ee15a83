import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { JOBDIVA_PROPERTIES } from './description';
import { refuseCustomApiCall } from '../shared/customApiCall';
import { jobDivaErrorJson, toJobDivaNodeError } from './errors';
import { runOperation } from './runOperation';
import { jobDivaClient } from './transport';

export class JobDiva implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'JobDiva',
		name: 'jobDiva',
		icon: { light: 'file:jobDiva.svg', dark: 'file:jobDiva.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read candidates, jobs, placements, hires, billing and salary records, timesheets, invoices and attachments from JobDiva',
		defaults: { name: 'JobDiva' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'jobDivaApi', required: true }],
		properties: JOBDIVA_PROPERTIES,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as string;
		// With Resource "Custom API Call" n8n shows no Operation, so it is read with a fallback first.
		refuseCustomApiCall(this, resource, this.getNodeParameter('operation', 0, '') as string, 'JobDiva API');
		const operation = this.getNodeParameter('operation', 0) as string;
		const first = this.getNodeParameter('options', 0, {}) as { maxRetries?: number };
		const client = await jobDivaClient(this, { maxRetries: first.maxRetries ?? 4 });
		const continueOnFail = this.continueOnFail();
		const output: INodeExecutionData[] = [];

		// One item after another: JobDiva limits requests per method per tenant, so parallel calls only buy 429s.
		for (let i = 0; i < items.length; i++) {
			try {
				const options = this.getNodeParameter('options', i, {}) as { timeZone?: string };
				const zone = options.timeZone?.trim() || this.getTimezone();
				const results = await runOperation(this, client, resource, operation, i, zone);
				for (const result of results) output.push({ ...result, pairedItem: { item: i } });
			} catch (error) {
				if (continueOnFail) {
					const failed: INodeExecutionData = { json: jobDivaErrorJson(error, i) as INodeExecutionData['json'], pairedItem: { item: i } };
					// Under "Continue (using error output)" n8n routes only items carrying `error` to the error output, and
					// keeps just its message there, so the message carries the fix too.
					if (this.getNode().onError === 'continueErrorOutput') failed.error = toJobDivaNodeError(this.getNode(), error, i, { fixInMessage: true });
					output.push(failed);
					continue;
				}
				throw toJobDivaNodeError(this.getNode(), error, i);
			}
		}
		return [output];
	}
}
