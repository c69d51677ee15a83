import type { ICredentialType, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { Ten99PolicyApi } from '../../credentials/Ten99PolicyApi.credentials';
import { Ten99Policy } from '../../nodes/Ten99Policy/Ten99Policy.node';
import { BinaryItemsSource } from './binaryItemsSource';
import { ItemsSource } from './itemsSource';

/** The package name n8n prefixes our node types with when installed as a community package. */
export const PACKAGE = 'n8n-nodes-ten99policy';

/**
 * Every node type the in-process runner knows: ours (under their installed type names) and the test-only
 * `test.items` and `test.binaryItems` start nodes. Nodes written by other modules register through `registerNodeType`.
 */
const nodeTypes = new Map<string, INodeType>([
	[`${PACKAGE}.ten99Policy`, new Ten99Policy()],
	['test.items', new ItemsSource()],
	['test.binaryItems', new BinaryItemsSource()],
]);
const credentialTypes = new Map<string, ICredentialType>([['ten99PolicyApi', new Ten99PolicyApi()]]);

export function registerNodeType(type: string, node: INodeType): void {
	nodeTypes.set(type, node);
}

export function registerCredentialType(credential: ICredentialType): void {
	credentialTypes.set(credential.name, credential);
}

export function credentialType(name: string): ICredentialType {
	const type = credentialTypes.get(name);
	if (!type) throw new Error(`Unknown credential type ${name}; register it with registerCredentialType().`);
	return type;
}

export const testNodeTypes: INodeTypes = {
	getByName(type: string): INodeType | IVersionedNodeType {
		const node = nodeTypes.get(type);
		if (!node) throw new Error(`Unknown node type ${type}; register it with registerNodeType().`);
		return node;
	},
	getByNameAndVersion(type: string): INodeType {
		const node = nodeTypes.get(type);
		if (!node) throw new Error(`Unknown node type ${type}; register it with registerNodeType().`);
		return node;
	},
	getKnownTypes() {
		return Object.fromEntries([...nodeTypes.keys()].map((type) => [type, { className: type, sourcePath: '' }]));
	},
};
