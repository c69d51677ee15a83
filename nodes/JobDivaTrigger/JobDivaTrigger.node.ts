import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { TRIGGER_PROPERTIES } from './description';
import { handleDelivery } from './handleDelivery';
import { triggerStaticData } from './staticData';

export class JobDivaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'JobDiva Trigger',
		name: 'jobDivaTrigger',
		icon: { light: 'file:jobDiva.svg', dark: 'file:jobDiva.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["types"].length ? $parameter["types"].join(", ") : "All types"}}',
		description: 'Starts the workflow on signed JobDiva webhook deliveries: candidates, jobs, billing and salary records, timesheets',
		defaults: { name: 'JobDiva Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// JobDiva retries any answer other than 200 five times; answer as soon as the delivery is accepted.
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: TRIGGER_PROPERTIES,
	};

	/**
	 * JobDiva's webhooks are configured by an administrator inside JobDiva, not through its API, so there is nothing
	 * to register remotely. These lifecycle methods only keep the node's static data: `create` records the URL n8n
	 * listens on (and when), `delete` forgets it but keeps the recent delivery keys so a quick re-activation still
	 * drops JobDiva's retries.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = triggerStaticData(this);
				return data.webhookUrl !== undefined && data.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const data = triggerStaticData(this);
				data.webhookUrl = this.getNodeWebhookUrl('default');
				data.activatedAt = new Date().toISOString();
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const data = triggerStaticData(this);
				delete data.webhookUrl;
				delete data.activatedAt;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return handleDelivery(this);
	}
}
