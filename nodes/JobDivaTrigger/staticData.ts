import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the webhook trigger keeps in the workflow's static data: when and at which URL it was activated (JobDiva's
 * webhooks are set up by hand in JobDiva, so there is no remote registration to remember) and the keys of recent
 * deliveries for de-duplication. Plain JSON only, so n8n can save it.
 */
export interface JobDivaTriggerStaticData extends IDataObject {
	webhookUrl?: string;
	activatedAt?: string;
	recentDeliveries?: string[];
}

export function triggerStaticData(context: IHookFunctions | IWebhookFunctions): JobDivaTriggerStaticData {
	return context.getWorkflowStaticData('node') as JobDivaTriggerStaticData;
}
