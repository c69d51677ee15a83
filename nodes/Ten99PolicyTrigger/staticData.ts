import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the trigger keeps in the workflow's static data for its node (the Stripe trigger's layout): the endpoint it
 * registered with 1099Policy and that endpoint's signing secret, plus the recent event IDs for deduplication.
 * Only plain strings and arrays, so n8n can store it as JSON.
 */
export interface TriggerStaticData extends IDataObject {
	webhookId?: string;
	webhookSecret?: string;
	webhookUrl?: string;
	/** The registered selection: canonical event types, or `["*"]` for all. */
	events?: string[];
	/** Set once the node is active in manual mode, where there is nothing to register. */
	manualRegistration?: boolean;
	recentEventIds?: string[];
}

const REGISTRATION_KEYS = ['webhookId', 'webhookSecret', 'webhookUrl', 'events', 'manualRegistration'] as const;

export function triggerStaticData(context: IHookFunctions | IWebhookFunctions): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

/** Forgets the registration but keeps the recent event IDs, so a quick re-activation still drops repeats. */
export function clearRegistration(data: TriggerStaticData): void {
	for (const key of REGISTRATION_KEYS) delete data[key];
}
