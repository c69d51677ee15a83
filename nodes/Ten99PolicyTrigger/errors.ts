import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { Ten99PolicyApiError, Ten99PolicyConnectionError } from '../../src/ten99policy/errors';
import { ValueError } from '../../src/util/valueError';

/**
 * Converts what the client throws during registration into the error n8n shows on activation or deactivation.
 * `action` says what was being attempted, e.g. "delete the webhook endpoint whe_123".
 */
export function toRegistrationError(node: INode, error: unknown, action: string): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof Ten99PolicyApiError) {
		return new NodeApiError(
			node,
			{
				status: error.status,
				error_code: error.errorCode ?? null,
				message: (error.apiMessage as JsonObject | string | undefined) ?? null,
				request: `${error.method} ${error.path}`,
			},
			{ message: `Could not ${action}: ${error.message}`, description: error.fix, httpCode: String(error.status) },
		);
	}
	if (error instanceof Ten99PolicyConnectionError) {
		return new NodeApiError(node, { request: `${error.method} ${error.path}`, code: error.code ?? null }, { message: `Could not ${action}: ${error.message}` });
	}
	if (error instanceof ValueError) {
		return new NodeOperationError(node, `Could not ${action}: ${error.message}`, { description: error.fix });
	}
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { message: `Could not ${action}` });
}

/** Whether 1099Policy answered 404: the endpoint is already gone. */
export function isNotFound(error: unknown): boolean {
	return error instanceof Ten99PolicyApiError && error.status === 404;
}
