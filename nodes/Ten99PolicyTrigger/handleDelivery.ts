import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { receiveDelivery } from '../../src/webhooks/receive';
import { SIGNATURE_HEADER } from '../../src/webhooks/signature';
import { recentEventIds } from './recentInProcess';
import { manualSigningSecret, registrationMode, selectedEvents, triggerOptions } from './settings';
import { triggerStaticData } from './staticData';

/** The parts of n8n's (Express) request and response the handler uses. */
interface DeliveryRequest {
	rawBody?: Buffer;
	headers?: Record<string, string | string[] | undefined>;
}
interface DeliveryResponse {
	status(code: number): DeliveryResponse;
	json(body: unknown): unknown;
}

const SIGNATURE_HEADER_KEY = SIGNATURE_HEADER.toLowerCase();

/**
 * One delivery: verify, parse, deduplicate, filter. Refusals and acknowledgements are answered here (n8n's
 * Stripe/Currents convention: write the response, return `noWebhookResponse`); an emitted event starts the workflow
 * and n8n answers 200 itself (responseMode onReceived).
 */
export function handleDelivery(context: IWebhookFunctions): IWebhookResponseData {
	const request = context.getRequestObject() as DeliveryRequest;
	const response = context.getResponseObject() as unknown as DeliveryResponse;
	const options = triggerOptions(context);
	const data = triggerStaticData(context);
	const manual = registrationMode(context) === 'manual';
	const node = context.getNode();
	const recent = recentEventIds(`${context.getWorkflow().id ?? ''}:${node.id ?? node.name}`, options.dedupeWindowSize, data.recentEventIds);

	const decision = receiveDelivery({
		rawBody: rawBodyOf(context, request),
		signatureHeader: request.headers?.[SIGNATURE_HEADER_KEY],
		secret: manual ? manualSigningSecret(context) : data.webhookSecret,
		skipVerification: options.skipSignatureVerification,
		toleranceSeconds: options.toleranceSeconds,
		selectedEvents: selectedEvents(context),
		recent,
	});

	if (decision.action === 'reject') {
		context.logger.warn(`1099Policy delivery refused (${decision.status} ${decision.reason}): ${decision.message}${fixFor(decision.reason, manual)}`);
		response.status(decision.status).json({ error: decision.reason });
		return { noWebhookResponse: true };
	}
	if (decision.action === 'acknowledge') {
		context.logger.debug(`1099Policy event ${decision.event.id} (${decision.event.type}) acknowledged, not emitted: ${decision.reason}`);
		response.status(200).json({ received: true, emitted: false, reason: decision.reason });
		return { noWebhookResponse: true };
	}
	// A new array, so n8n's static data notices the change and saves it after this call.
	data.recentEventIds = recent.toState();
	return { workflowData: [[{ json: decision.event as unknown as IDataObject }]] };
}

/**
 * The signature covers the exact bytes 1099Policy sent, which n8n keeps as `rawBody`. Without it the parsed body is
 * serialised again; that only verifies when 1099Policy's JSON had no extra whitespace and the same key order.
 */
function rawBodyOf(context: IWebhookFunctions, request: DeliveryRequest): Buffer | string {
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	return JSON.stringify(context.getBodyData());
}

function fixFor(reason: string, manual: boolean): string {
	if (reason !== 'missing_secret') return '';
	return manual
		? '. Paste the endpoint\'s signing secret into the node.'
		: '. Deactivate and activate the workflow so the node registers a new endpoint and stores its secret.';
}
