import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { DEFAULT_DEDUPE_WINDOW } from '../../src/webhooks/dedupe';
import { DEFAULT_TOLERANCE_SECONDS } from '../../src/webhooks/signature';

export type RegistrationMode = 'automatic' | 'manual';

export interface TriggerOptions {
	toleranceSeconds: number;
	skipSignatureVerification: boolean;
	dedupeWindowSize: number;
}

/** The largest deduplication window the node accepts: the IDs are kept in the workflow's static data. */
export const MAX_DEDUPE_WINDOW = 10_000;

type Context = IHookFunctions | IWebhookFunctions;

export function registrationMode(context: Context): RegistrationMode {
	return context.getNodeParameter('registration', 'automatic') === 'manual' ? 'manual' : 'automatic';
}

export function selectedEvents(context: Context): string[] {
	const events = context.getNodeParameter('events', []) as unknown;
	return Array.isArray(events) ? events.filter((event): event is string => typeof event === 'string') : [];
}

/** The pasted signing secret (manual mode). */
export function manualSigningSecret(context: Context): string {
	const secret = context.getNodeParameter('signingSecret', '') as unknown;
	return typeof secret === 'string' ? secret.trim() : '';
}

export function triggerOptions(context: Context): TriggerOptions {
	const options = context.getNodeParameter('options', {}) as Partial<TriggerOptions>;
	const tolerance = Number(options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
	const window = Math.floor(Number(options.dedupeWindowSize ?? DEFAULT_DEDUPE_WINDOW));
	return {
		toleranceSeconds: Number.isFinite(tolerance) && tolerance >= 1 ? tolerance : DEFAULT_TOLERANCE_SECONDS,
		skipSignatureVerification: options.skipSignatureVerification === true,
		dedupeWindowSize: Number.isFinite(window) && window >= 1 ? Math.min(window, MAX_DEDUPE_WINDOW) : DEFAULT_DEDUPE_WINDOW,
	};
}
