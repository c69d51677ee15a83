import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { Ten99PolicyApiError, Ten99PolicyConnectionError } from '../../src/ten99policy/errors';
import { ValueError } from '../../src/util/valueError';

/** Converts anything the client throws into the n8n error a user sees, keeping 1099Policy's message and code. */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	options: { fixInMessage?: boolean } = {},
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof Ten99PolicyApiError) {
		const fix = options.fixInMessage && error.fix ? ` Fix: ${error.fix}` : '';
		return new NodeApiError(node, errorJson(error, itemIndex) as JsonObject, {
			message: `[item ${itemIndex}] ${error.message}${fix}`,
			description: error.fix,
			httpCode: String(error.status),
			itemIndex,
		});
	}
	if (error instanceof ValueError) {
		return new NodeOperationError(node, `[item ${itemIndex}] ${error.message}`, { itemIndex, description: error.fix });
	}
	if (error instanceof Ten99PolicyConnectionError) {
		const message = `[item ${itemIndex}] ${error.message}`;
		const nodeError = new NodeOperationError(node, message, { itemIndex });
		// n8n replaces any message containing a socket code (ECONNRESET…) with a generic text that names neither the
		// item nor the request; put ours back.
		nodeError.message = message;
		return nodeError;
	}
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { itemIndex });
}

/** The JSON of an error item under "Continue On Fail": everything needed to act on it, never a secret. */
export function errorJson(error: unknown, itemIndex: number): Record<string, unknown> {
	if (error instanceof Ten99PolicyApiError) {
		return {
			error: error.message,
			item: itemIndex,
			status: error.status,
			error_code: error.errorCode ?? null,
			message: error.apiMessage ?? null,
			fields: Object.keys(error.fieldErrors).length ? error.fieldErrors : undefined,
			request: `${error.method} ${error.path}`,
			fix: error.fix,
		};
	}
	if (error instanceof ValueError) {
		return { error: error.message, item: itemIndex, field: error.field, fix: error.fix };
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		return { error: error.message, item: itemIndex, description: error.description ?? undefined };
	}
	return { error: error instanceof Error ? error.message : String(error), item: itemIndex };
}
