import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** The value n8n gives the "Custom API Call" choice it adds to Resource and Operation of nodes whose credential authenticates requests. */
export const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/**
 * Custom API Call is served by n8n's HTTP Request node, which can send any request with this node's credential;
 * the node itself only runs its own operations. Refuses it with that advice (instead of "unknown resource").
 */
export function refuseCustomApiCall(context: IExecuteFunctions, resource: string, operation: string, credentialDisplayName: string): void {
	if (resource !== CUSTOM_API_CALL && operation !== CUSTOM_API_CALL) return;
	throw new NodeOperationError(
		context.getNode(),
		`Custom API Call runs in n8n's HTTP Request node: add an HTTP Request node, set Authentication to "Predefined Credential Type" and Credential Type to "${credentialDisplayName}", then pick this credential.`,
		{ description: 'The HTTP Request node sends any method, path and body with the credential\'s authentication; this node runs only the operations in its list.' },
	);
}
