import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { RecentKeys } from '../../src/util/recentKeys';
import { JOBDIVA_SIGNATURE_HEADER } from '../../src/jobdiva/signature';
import { DEFAULT_DEDUPE_WINDOW, receiveJobDivaDelivery } from '../../src/jobdiva/webhook';
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

interface TriggerOptions {
	dedupeWindowSize?: number;
	skipSignatureVerification?: boolean;
}

/**
 * One JobDiva delivery: verify the signature over the raw bytes, parse, drop repeats, filter. JobDiva retries any
 * non-200 five times, so only a bad signature or a body that is not a JobDiva webhook gets a non-200; repeats and
 * filtered deliveries are acknowledged with 200. An emitted delivery starts the workflow and n8n answers 200 at once
 * (responseMode onReceived).
 */
export function handleDelivery(context: IWebhookFunctions): IWebhookResponseData {
	const request = context.getRequestObject() as DeliveryRequest;
	const response = context.getResponseObject() as unknown as DeliveryResponse;
	const options = context.getNodeParameter('options', {}) as TriggerOptions;
	const data = triggerStaticData(context);
	const recent = RecentKeys.fromState(data.recentDeliveries, options.dedupeWindowSize ?? DEFAULT_DEDUPE_WINDOW);

	const decision = receiveJobDivaDelivery({
		rawBody: rawBodyOf(context, request),
		signatureHeader: request.headers?.[JOBDIVA_SIGNATURE_HEADER.toLowerCase()],
		secret: (context.getNodeParameter('secret', '') as string) || undefined,
		skipVerification: options.skipSignatureVerification === true,
		types: (context.getNodeParameter('types', []) as string[]).map((t) => t.toLowerCase()),
		operations: context.getNodeParameter('operations', []) as string[],
		recent,
	});

	if (decision.action === 'reject') {
		context.logger.warn(`JobDiva delivery refused (${decision.status} ${decision.reason}): ${decision.message}`);
		response.status(decision.status).json({ error: decision.reason });
		return { noWebhookResponse: true };
	}
	if (decision.action === 'acknowledge') {
		const { type, operation, id } = decision.delivery;
		context.logger.debug(`JobDiva ${type} ${operation} ${id} acknowledged, not emitted: ${decision.reason}`);
		response.status(200).json({ received: true, emitted: false, reason: decision.reason });
		return { noWebhookResponse: true };
	}
	// A new array, so n8n's observable static data notices the change and saves it.
	data.recentDeliveries = recent.toState();
	return { workflowData: [[{ json: decision.body as IDataObject }]] };
}

/**
 * The signature covers the exact bytes JobDiva sent, which n8n keeps as `rawBody`. Without it the parsed body is
 * serialised again; that only verifies when JobDiva's JSON had no extra whitespace and the same key order.
 */
function rawBodyOf(context: IWebhookFunctions, request: DeliveryRequest): Buffer | string {
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	return JSON.stringify(context.getBodyData());
}
