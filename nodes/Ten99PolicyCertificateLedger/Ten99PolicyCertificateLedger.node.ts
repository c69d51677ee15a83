import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	candidateInLedgers,
	certificateRowOf,
	decideReview,
	decideUpload,
	fileKeyOf,
	objectOf,
	readCertificateRow,
	type ReviewedCertificate,
	type UploadRoute,
} from '../../src/ledger/certificates';
import { itemError, ledgerRowsOf, rowsOnInput } from '../shared/ledgerRows';

const UPLOAD_ROUTES: UploadRoute[] = ['upload', 'needsContractor', 'alreadySent'];

const ROW_FIX = 'A column holds a value the certificate ledger does not know (e.g. a hand-edited state). Fix the row in the Data tables view.';

/**
 * The certificate ledger's rules (src/ledger/certificates.ts) in a workflow. *Compare an Upload*: each certificate
 * from Map Attachment against the certificate ledger (keyed by candidate and the PDF's SHA-256, computed here from the
 * item's binary) and the placement ledger (the candidate's contractor): Upload, Needs a Contractor, or Already Sent.
 * *Judge a Review*: a ledger row and, while it is in review, the certificate read back from 1099Policy → its state today.
 */
export class Ten99PolicyCertificateLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '1099Policy Certificate Ledger',
		name: 'ten99PolicyCertificateLedger',
		icon: { light: 'file:ledger.svg', dark: 'file:ledger.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"compareUpload": "Compare an upload", "judgeReview": "Judge a review"}[$parameter["operation"]] }}',
		description: 'Decide from the certificate ledger whether a contractor\'s certificate of insurance needs uploading, and what its 1099Policy review means today',
		defaults: { name: 'Certificate ledger' },
		usableAsTool: true,
		inputs: `={{ $parameter.operation === "judgeReview" ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Ledger rows or certificates" }] : [{ type: "${NodeConnectionTypes.Main}", displayName: "Certificates" }, { type: "${NodeConnectionTypes.Main}", displayName: "Placement ledger rows" }, { type: "${NodeConnectionTypes.Main}", displayName: "Certificate ledger rows" }] }}`,
		outputs: `={{ $parameter.operation === "judgeReview" ? [{ type: "${NodeConnectionTypes.Main}", displayName: "Changed" }, { type: "${NodeConnectionTypes.Main}", displayName: "Unchanged" }] : [{ type: "${NodeConnectionTypes.Main}", displayName: "Upload" }, { type: "${NodeConnectionTypes.Main}", displayName: "Needs a Contractor" }, { type: "${NodeConnectionTypes.Main}", displayName: "Already Sent" }] }}`,
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'compareUpload',
				options: [
					{
						name: 'Compare an Upload',
						value: 'compareUpload',
						action: 'Compare a certificate with the certificate ledger',
						description: 'Upload a new certificate file once; a file sent before goes to Already Sent',
					},
					{
						name: 'Judge a Review',
						value: 'judgeReview',
						action: 'Judge a certificate review',
						description: "A ledger row's state today: from 1099Policy's review while in review, from its expiry date once valid",
					},
				],
			},
			{
				displayName:
					'Certificates: the Mapped output of JobDiva to 1099Policy → Map Attachment (with the PDF). Placement ledger rows and Certificate ledger rows: Data table nodes (Get, By Name) returning the rows of these candidates.',
				name: 'notice',
				type: 'notice',
				default: '',
				displayOptions: { show: { operation: ['compareUpload'] } },
			},
			{
				displayName: 'Input Binary Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'The binary property holding the certificate PDF; its SHA-256 identifies the file in the ledger',
				displayOptions: { show: { operation: ['compareUpload'] } },
			},
			{
				displayName: 'Ledger Row',
				name: 'row',
				type: 'json',
				default: '={{ $json }}',
				description: 'The certificate ledger row to judge (as the Data table node returned it)',
				displayOptions: { show: { operation: ['judgeReview'] } },
			},
			{
				displayName: 'Certificate',
				name: 'certificate',
				type: 'json',
				default: '',
				description:
					'The certificate 1099Policy returned (Certificate → Get with Review Results) for a row in review. Empty for a valid or expiring row: it is judged by its expiry date alone.',
				displayOptions: { show: { operation: ['judgeReview'] } },
			},
			{
				displayName: 'Today',
				name: 'today',
				type: 'string',
				default: '={{ $today.toFormat("yyyy-MM-dd") }}',
				description: 'The day to judge expiry against (yyyy-MM-dd)',
				displayOptions: { show: { operation: ['judgeReview'] } },
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const items = this.getInputData(0);
		if (operation === 'judgeReview') {
			const out: INodeExecutionData[][] = [[], []];
			for (let i = 0; i < items.length; i++) {
				try {
					const row = certificateRowOf(this.getNodeParameter('row', i));
					const certificate = objectOf(this.getNodeParameter('certificate', i, ''), 'Certificate') as ReviewedCertificate | undefined;
					const decision = decideReview(row, certificate, String(this.getNodeParameter('today', i)));
					out[decision.changed ? 0 : 1].push({ json: { fileKey: row.fileKey, candidateId: row.candidateId, certificateId: row.certificateId, ...decision } as unknown as IDataObject, pairedItem: { item: i } });
				} catch (error) {
					out[0].push(itemError(this, error, i));
				}
			}
			return out;
		}
		const placements = ledgerRowsOf(this).map(({ row }) => row);
		const certificates = rowsOnInput(this, { input: 2, key: 'fileKey', read: readCertificateRow, what: 'Certificate ledger row', keyLabel: 'file', fix: ROW_FIX }).map(({ row }) => row);
		const out: INodeExecutionData[][] = UPLOAD_ROUTES.map(() => []);
		for (let i = 0; i < items.length; i++) {
			try {
				const json = items[i].json as { jobdiva?: { candidateId?: string }; certificate?: { fileName?: string } };
				const candidateId = String(json.jobdiva?.candidateId ?? '').trim();
				const property = this.getNodeParameter('binaryPropertyName', i) as string;
				this.helpers.assertBinaryData(i, property);
				const fileKey = fileKeyOf(candidateId, await this.helpers.getBinaryDataBuffer(i, property));
				const decision = decideUpload(certificates.find((r) => r.fileKey === fileKey), {
					fileKey,
					candidateId,
					fileName: String(json.certificate?.fileName ?? ''),
					...candidateInLedgers(candidateId, placements, certificates),
				});
				out[UPLOAD_ROUTES.indexOf(decision.route)].push({ json: { ...items[i].json, ...decision } as unknown as IDataObject, binary: items[i].binary, pairedItem: { item: i, input: 0 } });
			} catch (error) {
				out[0].push(itemError(this, error, i));
			}
		}
		return out;
	}
}
