import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { ten99PolicyApiTest } from '../Ten99Policy/methods';
import { TRIGGER_PROPERTIES } from './description';
import { handleDelivery } from './handleDelivery';
import { createEndpoint, deleteEndpoint, endpointExists } from './registration';

export class Ten99PolicyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '1099Policy Trigger',
		name: 'ten99PolicyTrigger',
		icon: { light: 'file:ten99policy.svg', dark: 'file:ten99policy.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].includes("*") ? "All events" : $parameter["events"].join(", ")}}',
		description: 'Starts the workflow on verified 1099Policy webhook events: policies, applications, assignments, certificates',
		defaults: { name: '1099Policy Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'ten99PolicyApi',
				required: true,
				testedBy: 'ten99PolicyApiTest',
				displayOptions: { show: { registration: ['automatic'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: TRIGGER_PROPERTIES,
	};

	// The same connection test as the 1099Policy node, so the credential can be tested from either node.
	methods = { credentialTest: { ten99PolicyApiTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await endpointExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createEndpoint(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteEndpoint(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return handleDelivery(this);
	}
}
