import { createHmac } from 'node:crypto';

export interface WebhookSendOptions {
	/** Send exactly this header value instead of the computed one (tampering tests); `null` sends no header. */
	signature?: string | null;
	/** Send these bytes instead of `JSON.stringify(body)` (e.g. pretty-printed JSON, as JobDiva might). */
	rawBody?: string;
}

export interface WebhookResult {
	status: number;
	body: string;
	/** The exact bytes sent and the header value (tests replay them). */
	sentBody: string;
	signature: string | null;
}

/** Signs like JobDiva: `X-Hub-Signature: sha1=<hex HMAC-SHA1(secret, raw body)>`, then POSTs the JSON. */
export async function sendSignedWebhook(url: string, body: unknown, secret: string, options: WebhookSendOptions = {}): Promise<WebhookResult> {
	const sentBody = options.rawBody ?? JSON.stringify(body);
	const signature =
		options.signature === undefined ? `sha1=${createHmac('sha1', secret).update(sentBody).digest('hex')}` : options.signature;
	const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'JobDiva-Webhook' };
	if (signature !== null) headers['X-Hub-Signature'] = signature;
	const response = await fetch(url, { method: 'POST', headers, body: sentBody });
	return { status: response.status, body: await response.text(), sentBody, signature };
}
