import type { NodeTypeDescription, WorkflowNode } from './n8nRest';

/** Every node type the package declares, as n8n names a community package's nodes: `<package>.<description.name>`. */
export const OUR_NODE_TYPES = [
	'n8n-nodes-ten99policy.ten99Policy',
	'n8n-nodes-ten99policy.ten99PolicyTrigger',
	'n8n-nodes-ten99policy.ten99PolicyLedger',
	'n8n-nodes-ten99policy.jobDivaToTen99',
	'n8n-nodes-ten99policy.jobDiva',
	'n8n-nodes-ten99policy.jobDivaTrigger',
	'n8n-nodes-ten99policy.jobDivaPollingTrigger',
] as const;

export function isOurs(type: string): boolean {
	return type.startsWith('n8n-nodes-ten99policy.');
}

export function versionsOf(description: NodeTypeDescription): number[] {
	return Array.isArray(description.version) ? description.version : [description.version];
}

/** The description n8n loaded for a workflow node's type and version, if any. */
export function describeNode(types: NodeTypeDescription[], node: Pick<WorkflowNode, 'type' | 'typeVersion'>): NodeTypeDescription | undefined {
	return types.find((t) => t.name === node.type && versionsOf(t).includes(node.typeVersion));
}

/**
 * Gives every node that takes a credential type we imported, and has none bound, a reference to it: what a user
 * does after importing a template by picking the credential in the node. Returns the names of the nodes changed.
 */
export function bindCredentials(
	nodes: WorkflowNode[],
	types: NodeTypeDescription[],
	available: Record<string, { id: string; name: string }>,
): string[] {
	const changed: string[] = [];
	for (const node of nodes) {
		const wanted = describeNode(types, node)?.credentials ?? [];
		for (const { name: credentialType } of wanted) {
			const credential = available[credentialType];
			if (!credential || node.credentials?.[credentialType]?.id === credential.id) continue;
			node.credentials = { ...node.credentials, [credentialType]: { id: credential.id, name: credential.name } };
			changed.push(node.name);
		}
	}
	return changed;
}
