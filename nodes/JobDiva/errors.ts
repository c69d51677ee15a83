import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { JobDivaApiError, JobDivaConnectionError, JobDivaInputError } from '../../src/jobdiva/errors';

/**
 * Converts what the JobDiva client throws into the error n8n shows: the item, the field or request, JobDiva's own
 * text and the fix. Nothing here carries the password or the token (the client never holds them).
 */
export function toJobDivaNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
	options: { fixInMessage?: boolean } = {},
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const prefix = itemIndex === undefined ? '' : `[item ${itemIndex}] `;
	// `message` + ". Fix: …" (or " Fix: …" after a full stop) when the fix must travel in the message.
	const fix = (message: string, text: string | undefined) => (options.fixInMessage && text ? `${/[.!?]$/.test(message) ? '' : '.'} Fix: ${text}` : '');
	if (error instanceof JobDivaApiError) {
		return new NodeApiError(
			node,
			{ status: error.status, message: error.jobDivaMessage, request: `${error.method} ${error.path}` } as JsonObject,
			{ message: `${prefix}${error.message}${fix(error.message, error.fix)}`, description: error.fix, httpCode: error.status ? String(error.status) : undefined, itemIndex },
		);
	}
	if (error instanceof JobDivaInputError) {
		return new NodeOperationError(node, `${prefix}${error.message}${fix(error.message, error.fix)}`, { itemIndex, description: error.fix });
	}
	if (error instanceof JobDivaConnectionError) {
		const message = `${prefix}${error.message}`;
		const nodeError = new NodeOperationError(node, message, {
			itemIndex,
			description: 'Check the credential\'s Base URL and that this n8n instance can reach it.',
		});
		// n8n swaps messages containing socket codes (ECONNREFUSED…) for a generic text without the item; keep ours.
		nodeError.message = message;
		return nodeError;
	}
	return new NodeOperationError(node, error instanceof Error ? error : new Error(String(error)), { itemIndex });
}

/** The JSON of an error item under Continue On Fail. */
export function jobDivaErrorJson(error: unknown, itemIndex: number): Record<string, unknown> {
	if (error instanceof JobDivaApiError) {
		return { error: error.message, item: itemIndex, status: error.status, message: error.jobDivaMessage, request: `${error.method} ${error.path}`, fix: error.fix };
	}
	if (error instanceof JobDivaInputError) {
		return { error: error.message, item: itemIndex, field: error.field, fix: error.fix };
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		return { error: error.message, item: itemIndex, description: error.description ?? undefined };
	}
	return { error: error instanceof Error ? error.message : String(error), item: itemIndex };
}
