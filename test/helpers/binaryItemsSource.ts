/* eslint-disable @n8n/community-nodes/node-usable-as-tool -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

/** One file for `test.binaryItems`: content as base64, optionally padded with spaces up to `padToBytes`. */
export interface BinaryFile {
	base64: string;
	fileName?: string;
	mimeType?: string;
	/** Pads the content with spaces to this size, to make large files without putting megabytes in parameters. */
	padToBytes?: number;
	/** Binary property name; default `data`. */
	property?: string;
	json?: Record<string, unknown>;
}

/**
 * Test-only start node: emits one item per entry of its `files` parameter (a JSON array of {@link BinaryFile}),
 * each with the file as an n8n binary property, the way an HTTP Request or Read File node would.
 */
export class BinaryItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Binary Items',
		name: 'binaryItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items with binary data for tests',
		defaults: { name: 'Binary Items' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Files', name: 'files', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('files', 0) as unknown;
		const files = (typeof raw === 'string' ? JSON.parse(raw) : raw) as BinaryFile[];
		return [
			files.map((file, index) => {
				let data = Buffer.from(file.base64, 'base64');
				if (file.padToBytes && data.length < file.padToBytes) data = Buffer.concat([data, Buffer.alloc(file.padToBytes - data.length, 0x20)]);
				const binary: INodeExecutionData['binary'] = {
					[file.property ?? 'data']: {
						data: data.toString('base64'),
						mimeType: file.mimeType ?? 'application/octet-stream',
						fileName: file.fileName,
						fileExtension: file.fileName?.split('.').pop(),
						fileSize: `${data.length} B`,
					},
				};
				return { json: (file.json ?? {}) as INodeExecutionData['json'], binary, pairedItem: { item: index } };
			}),
		];
	}
}
