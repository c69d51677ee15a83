import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { JobDivaClient, RangeQuery } from '../../src/jobdiva/client';
import { windowsFor } from '../../src/jobdiva/dates';
import { JobDivaInputError } from '../../src/jobdiva/errors';
import {
	getActivities,
	getAttachment,
	getBillingRecord,
	getCandidate,
	getHires,
	getInvoice,
	getJob,
	getPlacement,
	getSalaryRecord,
	getTimesheets,
	searchPlacements,
	type HireFeed,
} from '../../src/jobdiva/operations';
import type { JobDivaRow } from '../../src/jobdiva/rows';
import { jsonInputProblem } from '../../src/util/bounds';

export interface OperationOutput {
	json: IDataObject;
	binary?: Record<string, IBinaryData>;
}

/** Runs one operation for item `i`: reads its parameters, calls JobDiva, returns one output per record. */
export async function runOperation(
	context: IExecuteFunctions,
	client: JobDivaClient,
	resource: string,
	operation: string,
	i: number,
	zone: string,
): Promise<OperationOutput[]> {
	const param = (name: string, fallback?: unknown) => context.getNodeParameter(name, i, fallback) as unknown;
	const range = (): RangeQuery => ({ windows: windowsFor({ from: param('fromDate'), to: param('toDate'), zone }), zone });
	const rows = (list: JobDivaRow[]): OperationOutput[] => list.map((row) => ({ json: row as IDataObject }));

	switch (`${resource}.${operation}`) {
		case 'candidate.get':
			return rows(await getCandidate(client, param('candidateId')));
		case 'candidate.downloadAttachment': {
			const attachment = await getAttachment(client, param('candidateId'), param('fileName'));
			const property = String(param('binaryPropertyName', 'data')).trim() || 'data';
			const binary = await context.helpers.prepareBinaryData(attachment.data, attachment.fileName, attachment.mimeType);
			const json: IDataObject = { ...(attachment.row as IDataObject) };
			if (param('keepFileContent', false) !== true) delete json.FILECONTENT;
			return [{ json, binary: { [property]: binary } }];
		}
		case 'job.get':
			return rows(await getJob(client, param('jobId')));
		case 'placement.search':
			return rows(await searchPlacements(client, { candidateId: param('candidateId', ''), jobId: param('jobId', ''), extra: readCriteria(param('additionalCriteria', '{}')) }));
		case 'placement.get':
			return rows([await getPlacement(client, param('placementId'), param('candidateId'))]);
		case 'placement.getHires':
			return rows(await getHires(client, param('hireFeed', 'both') as HireFeed, range(), param('expand', true) !== false));
		case 'activity.getNewUpdated': {
			const list = await getActivities(client, range());
			return rows(param('hiresOnly', false) === true ? list.filter((row) => String(row.HIREFLAG ?? '').trim() === '1') : list);
		}
		case 'timesheet.getNewUpdated':
			return rows(await getTimesheets(client, range()));
		case 'billingRecord.get':
			return rows(await getBillingRecord(client, param('employeeId'), param('recordId')));
		case 'salaryRecord.get':
			return rows(await getSalaryRecord(client, param('employeeId'), param('recordId')));
		case 'invoice.get':
			return rows(await getInvoice(client, param('invoiceId')));
		default:
			throw new JobDivaInputError('Operation', `${resource}.${operation}`, 'is not supported', 'Pick a resource and operation from the lists.');
	}
}

function readCriteria(value: unknown): Record<string, unknown> {
	if (value && typeof value === 'object' && !Array.isArray(value)) return checked(value as Record<string, unknown>);
	if (typeof value !== 'string' || value.trim() === '') return {};
	const parsed = parseJson(value);
	if (parsed === INVALID) {
		throw new JobDivaInputError('Additional Criteria (JSON)', value, 'is not valid JSON', 'Give a JSON object such as {"startStatus": "Confirmed"}, or leave {}.');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new JobDivaInputError('Additional Criteria (JSON)', value, 'is not a JSON object', 'Give a JSON object such as {"startStatus": "Confirmed"}, or leave {}.');
	}
	return checked(parsed as Record<string, unknown>);
}

function checked(criteria: Record<string, unknown>): Record<string, unknown> {
	const bad = jsonInputProblem(criteria);
	if (bad) throw new JobDivaInputError(`Additional Criteria (JSON) → ${bad.path}`, undefined, bad.problem, bad.fix);
	return criteria;
}

const INVALID = Symbol('invalid JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return INVALID;
	}
}
