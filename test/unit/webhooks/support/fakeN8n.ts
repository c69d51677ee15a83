import type { IDataObject, IHookFunctions, IHttpRequestOptions, INode, IWebhookFunctions } from 'n8n-workflow';

/**
 * Hand-built stand-ins for the n8n contexts the trigger receives: only what the node touches, with every HTTP
 * request, response and log line recorded so a test can assert on it.
 */

export interface HttpAnswer {
	statusCode: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/** What `httpRequestWithAuthentication` was asked to send, with the JSON body parsed back. */
export interface SentRequest {
	credentialType: string;
	method: string;
	url: string;
	headers: Record<string, string>;
	json: Record<string, unknown> | undefined;
}

export type HttpHandler = (request: SentRequest, options: IHttpRequestOptions) => HttpAnswer | Promise<HttpAnswer>;

export interface LogLine {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
}

export const TRIGGER_NODE: INode = {
	id: 'node-1',
	name: '1099Policy Trigger',
	type: 'n8n-nodes-ten99policy.ten99PolicyTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

interface Common {
	parameters?: Record<string, unknown>;
	staticData?: IDataObject;
}

function commonParts(options: Common, logs: LogLine[]) {
	const parameters = options.parameters ?? {};
	const staticData = options.staticData ?? {};
	const log = (level: LogLine['level']) => (message: string) => logs.push({ level, message });
	return {
		staticData,
		parts: {
			getNode: () => TRIGGER_NODE,
			getWorkflow: () => ({ id: 'wf_1', name: 'Compliance sync', active: true }),
			getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
			getWorkflowStaticData: (type: string) => {
				if (type !== 'node') throw new Error(`The trigger should use node static data, not ${type}`);
				return staticData;
			},
			logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		},
	};
}

export interface FakeHook {
	context: IHookFunctions;
	staticData: IDataObject;
	requests: SentRequest[];
	logs: LogLine[];
	credentialReads: number;
}

/** An `IHookFunctions` for checkExists/create/delete. HTTP goes to `http`; credentials give `baseUrl`. */
export function fakeHookContext(
	options: Common & { webhookUrl?: string; baseUrl?: string; http?: HttpHandler; mode?: 'trigger' | 'manual' } = {},
): FakeHook {
	const logs: LogLine[] = [];
	const { staticData, parts } = commonParts(options, logs);
	const fake: FakeHook = { context: undefined as unknown as IHookFunctions, staticData, requests: [], logs, credentialReads: 0 };
	const http: HttpHandler = options.http ?? (() => ({ statusCode: 500, body: { message: 'No HTTP handler in this test' } }));
	const context = {
		...parts,
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getNodeWebhookUrl: (name: string) => (name === 'default' ? (options.webhookUrl ?? 'https://n8n.example.com/webhook/abc/webhook') : undefined),
		getCredentials: async () => {
			fake.credentialReads++;
			return { apiKey: 't9k_test_key', environment: 'sandbox', baseUrl: options.baseUrl ?? 'https://api.1099policy.com' };
		},
		helpers: {
			async httpRequestWithAuthentication(this: unknown, credentialType: string, request: IHttpRequestOptions) {
				const sent: SentRequest = {
					credentialType,
					method: String(request.method ?? 'GET'),
					url: String(request.url),
					headers: { ...(request.headers as Record<string, string>) },
					json: typeof request.body === 'string' && request.body !== '' ? (JSON.parse(request.body) as Record<string, unknown>) : undefined,
				};
				fake.requests.push(sent);
				const answer = await http(sent, request);
				return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: answer.body };
			},
		},
	};
	fake.context = context as unknown as IHookFunctions;
	return fake;
}

export interface RecordedResponse {
	statusCode: number | undefined;
	body: unknown;
}

export interface FakeWebhook {
	context: IWebhookFunctions;
	staticData: IDataObject;
	response: RecordedResponse;
	logs: LogLine[];
}

/** An `IWebhookFunctions` for one delivery: `rawBody` as n8n keeps it, headers lower-cased as Node gives them. */
export function fakeWebhookContext(
	options: Common & { rawBody?: Buffer | string; body?: IDataObject; headers?: Record<string, string> },
): FakeWebhook {
	const logs: LogLine[] = [];
	const { staticData, parts } = commonParts(options, logs);
	const recorded: RecordedResponse = { statusCode: undefined, body: undefined };
	const rawBody = typeof options.rawBody === 'string' ? Buffer.from(options.rawBody) : options.rawBody;
	const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const request = { rawBody, headers, body: options.body ?? parsedOrEmpty(rawBody) };
	const response = {
		status(code: number) {
			recorded.statusCode = code;
			return response;
		},
		json(body: unknown) {
			recorded.body = body;
			return response;
		},
	};
	const context = {
		...parts,
		getMode: () => 'trigger',
		getRequestObject: () => request,
		getResponseObject: () => response,
		getBodyData: () => request.body,
		getHeaderData: () => headers,
	};
	return { context: context as unknown as IWebhookFunctions, staticData, response: recorded, logs };
}

/** What n8n's body parser would have made of the raw body: the JSON, or nothing. */
function parsedOrEmpty(rawBody: Buffer | undefined): IDataObject {
	if (!rawBody) return {};
	try {
		return JSON.parse(rawBody.toString('utf8')) as IDataObject;
	} catch {
		return {};
	}
}
