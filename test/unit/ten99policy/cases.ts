import { expect } from 'vitest';
import type { OperationInput } from '../../../src/ten99policy/request';
import type { MultipartField } from './support';

/**
 * The request every declared operation sends, checked against 1099Policy's v1.6.12 reference request examples
 * (contractor, entity, job, quote, session, policy) and 1099Policy's current API docs (https://docs.1099policy.com)
 * for the endpoints the reference lacks.
 *
 * The reference's examples send `postalcode` as a number (94104). Our convert layer sends every address part as a
 * string ("94104"): postal codes have leading zeros (e.g. "02110") that a number would lose. The expectations below
 * assert what we send, i.e. the reference body with `postalcode` as a string.
 *
 * The reference's GET/DELETE examples pass the ID (and `limit`) as a JSON body (`-d '{"contractor":"cn_Ehb3bYa"}'`,
 * `-d '{"limit":25}'`); we send the ID in the path, `limit` as a query parameter and no body on GET/DELETE.
 */

// Request examples copied verbatim from 1099policy-api-reference-v1.6.12.txt.
export const REF = {
	contractor:
		'{"address":{"line1":"1 Kearny St","locality":"San Francisco","postalcode":94104,"region":"CA"},"company_name":"Acme Co.","custom_metadata":{"campaign":"Red Bull"},"email":"parker@gmail.com","first_name":"Joe","last_name":"Parker","phone":"415-474-9088","tax_identification":"12-3456789"}',
	entity:
		'{"address":{"line1":"One Apple Park Way","locality":"Cupertino","postalcode":95014,"region":"CA"},"coverage_limit":{"aggregate_limit":200000000,"occurrence_limit":100000000},"name":"Apple, Inc","required_coverage":["general","workers-comp"]}',
	job: '{"category_code":"jc_MTqpkbkp6G","description":"Install fiber optic cable from back to the front of the store.","entity":"en_Ah3tqYn","name":"Field technician","wage":15000,"wage_type":"flatfee","years_experience":10}',
	quote: '{"contractor":"cn_Ehb3bYa","coverage_type":["general","workers-comp"],"job":"jb_jsb9KEcTpc"}',
	session: '{"cancel_url":"https://1099jobcloud.com/1099policy/cancel","quote":"qt_5DciVga8Kt","success_url":"https://1099jobcloud.com/1099policy/success"}',
	policy: '{"effective_date":1646818364,"expiration_date":1678334737,"quote":"qt_5DciVga8Kt"}',
};
export const ref = (name: keyof typeof REF): Record<string, unknown> => JSON.parse(REF[name]) as Record<string, unknown>;
/** The reference body as we send it: address parts (postalcode) as strings. */
export function asSent(body: Record<string, unknown>): Record<string, unknown> {
	const copy = structuredClone(body);
	const address = copy.address as Record<string, unknown> | undefined;
	if (address) for (const key of Object.keys(address)) address[key] = String(address[key]);
	return copy;
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

export interface Case {
	input?: OperationInput;
	expect: {
		method: 'GET' | 'POST' | 'PUT' | 'DELETE';
		path: string;
		query?: Array<[string, string]>;
		/** Parsed JSON body; absent means no body at all. */
		json?: unknown;
		multipart?: (parts: MultipartField[]) => void;
	};
}

const get = (path: string): Case => ({ input: { id: path.split('/').pop() }, expect: { method: 'GET', path } });
const del = (path: string): Case => ({ input: { id: path.split('/').pop() }, expect: { method: 'DELETE', path } });
const list = (path: string, fields: Record<string, unknown> = {}, extra: Array<[string, string]> = []): Case => ({
	input: { fields, limit: 25 },
	expect: { method: 'GET', path, query: [...extra, ['limit', '25']] },
});

export const CASES: Record<string, Case> = {
	// Contractor (reference examples for create/update).
	'contractor.create': { input: { fields: ref('contractor') }, expect: { method: 'POST', path: '/api/v1/contractors', json: asSent(ref('contractor')) } },
	// The composite Create or Update starts with the same POST as Create (the rest is tested through the node).
	'contractor.upsert': { input: { fields: ref('contractor') }, expect: { method: 'POST', path: '/api/v1/contractors', json: asSent(ref('contractor')) } },
	'contractor.get': get('/api/v1/contractors/cn_Ehb3bYa'),
	'contractor.update': {
		input: { id: 'cn_Ehb3bYa', fields: ref('contractor') },
		expect: { method: 'PUT', path: '/api/v1/contractors/cn_Ehb3bYa', json: asSent(ref('contractor')) },
	},
	'contractor.delete': del('/api/v1/contractors/cn_Ehb3bYa'),
	'contractor.list': list('/api/v1/contractors', { email: 'parker@gmail.com' }, [['email', 'parker@gmail.com']]),
	'contractor.listPolicies': { input: { id: 'cn_Ehb3bYa' }, expect: { method: 'GET', path: '/api/v1/contractors/cn_Ehb3bYa/policies' } },

	// Entity.
	'entity.create': { input: { fields: ref('entity') }, expect: { method: 'POST', path: '/api/v1/entities', json: asSent(ref('entity')) } },
	// The composite Find or Create creates with the same POST as Create (the listing first is tested through the node).
	'entity.findOrCreate': { input: { fields: ref('entity') }, expect: { method: 'POST', path: '/api/v1/entities', json: asSent(ref('entity')) } },
	'entity.get': get('/api/v1/entities/en_Ah3tqYn'),
	'entity.update': { input: { id: 'en_Ah3tqYn', fields: ref('entity') }, expect: { method: 'PUT', path: '/api/v1/entities/en_Ah3tqYn', json: asSent(ref('entity')) } },
	'entity.delete': del('/api/v1/entities/en_Ah3tqYn'),
	'entity.list': list('/api/v1/entities'),

	// Job.
	'job.create': { input: { fields: ref('job') }, expect: { method: 'POST', path: '/api/v1/jobs', json: ref('job') } },
	// Create or Update with no ID known is the same POST as Create (the update and unchanged paths: test/unit/ten99policy/createOrUpdate.test.ts).
	'job.upsert': { input: { fields: ref('job') }, expect: { method: 'POST', path: '/api/v1/jobs', json: ref('job') } },
	'job.get': get('/api/v1/jobs/jb_jsb9KEcTpc'),
	'job.update': { input: { id: 'jb_jsb9KEcTpc', fields: ref('job') }, expect: { method: 'PUT', path: '/api/v1/jobs/jb_jsb9KEcTpc', json: ref('job') } },
	'job.delete': del('/api/v1/jobs/jb_jsb9KEcTpc'),
	'job.list': list('/api/v1/jobs'),

	// Job categories: GET /category_codes, a bare array, not paginated (no limit).
	'jobCategory.list': { input: {}, expect: { method: 'GET', path: '/api/v1/category_codes', query: [] } },

	// Quote.
	'quote.create': { input: { fields: ref('quote') }, expect: { method: 'POST', path: '/api/v1/quotes', json: ref('quote') } },
	'quote.upsert': { input: { fields: ref('quote') }, expect: { method: 'POST', path: '/api/v1/quotes', json: ref('quote') } },
	'quote.get': get('/api/v1/quotes/qt_5DciVga8Kt'),
	'quote.update': { input: { id: 'qt_5DciVga8Kt', fields: ref('quote') }, expect: { method: 'PUT', path: '/api/v1/quotes/qt_5DciVga8Kt', json: ref('quote') } },
	'quote.list': list('/api/v1/quotes'),

	// Application sessions (create from the reference; update and expire from the current docs).
	'applicationSession.create': { input: { fields: ref('session') }, expect: { method: 'POST', path: '/api/v1/apply/sessions', json: ref('session') } },
	'applicationSession.upsert': { input: { fields: ref('session') }, expect: { method: 'POST', path: '/api/v1/apply/sessions', json: ref('session') } },
	'applicationSession.get': get('/api/v1/apply/sessions/ias_01FVCHXE7PNQHA1T3S2AXL2QZE'),
	'applicationSession.update': {
		input: { id: 'ias_01FVCHXE7PNQHA1T3S2AXL2QZE', fields: { success_url: 'https://example.com/ok', custom_metadata: { run: 7 } } },
		expect: { method: 'PUT', path: '/api/v1/apply/sessions/ias_01FVCHXE7PNQHA1T3S2AXL2QZE', json: { success_url: 'https://example.com/ok', custom_metadata: { run: '7' } } },
	},
	'applicationSession.list': list('/api/v1/apply/sessions'),
	'applicationSession.expire': {
		input: { id: 'ias_01FVCHXE7PNQHA1T3S2AXL2QZE' },
		expect: { method: 'POST', path: '/api/v1/apply/sessions/ias_01FVCHXE7PNQHA1T3S2AXL2QZE/expire', json: {} },
	},

	// Policy (reference examples for create and update; the update example sends `quote`, so Update accepts it).
	'policy.create': { input: { fields: ref('policy') }, expect: { method: 'POST', path: '/api/v1/policies', json: ref('policy') } },
	'policy.get': get('/api/v1/policies/pl_WzFRszJhoY'),
	'policy.update': { input: { id: 'pl_WzFRszJhoY', fields: ref('policy') }, expect: { method: 'PUT', path: '/api/v1/policies/pl_WzFRszJhoY', json: ref('policy') } },
	'policy.delete': del('/api/v1/policies/pl_WzFRszJhoY'),
	'policy.list': list('/api/v1/policies', { quote: 'qt_5DciVga8Kt' }, [['quote', 'qt_5DciVga8Kt']]),

	// Assignments (current docs).
	'assignment.create': {
		input: {
			fields: {
				contractor: 'cn_Ehb3bYa',
				job: 'jb_jsb9KEcTpc',
				bind: false,
				effective_date: '2026-12-01T00:00:00Z',
				end_date: 1798761600,
				policy: 'pl_WzFRszJhoY',
				coverage_type: ['general', 'workers-comp'],
				custom_metadata: { jobdiva_activity_id: '991' },
			},
		},
		expect: {
			method: 'POST',
			path: '/api/v1/assignments',
			json: {
				contractor: 'cn_Ehb3bYa',
				job: 'jb_jsb9KEcTpc',
				bind: false,
				effective_date: 1796083200,
				end_date: 1798761600,
				policy: 'pl_WzFRszJhoY',
				coverage_type: ['general', 'workers-comp'],
				custom_metadata: { jobdiva_activity_id: '991' },
			},
		},
	},
	'assignment.upsert': {
		input: { fields: { contractor: 'cn_Ehb3bYa', job: 'jb_jsb9KEcTpc', end_date: 1798761600 } },
		expect: { method: 'POST', path: '/api/v1/assignments', json: { contractor: 'cn_Ehb3bYa', job: 'jb_jsb9KEcTpc', end_date: 1798761600 } },
	},
	'assignment.get': get('/api/v1/assignments/an_1'),
	'assignment.update': {
		input: { id: 'an_1', fields: { end_date: '2027-01-01T00:00:00Z' } },
		expect: { method: 'PUT', path: '/api/v1/assignments/an_1', json: { end_date: 1798761600 } },
	},
	'assignment.delete': del('/api/v1/assignments/an_1'),
	'assignment.list': list('/api/v1/assignments'),
	'assignment.cancel': {
		input: { fields: { job_id: 'jb_jsb9KEcTpc', reason: 'Placement ended early' } },
		expect: { method: 'POST', path: '/api/v1/assignments/cancel', json: { job_id: 'jb_jsb9KEcTpc', reason: 'Placement ended early' } },
	},

	// Invoices (current docs): gross_pay in cents, pay cycle dates in Unix seconds.
	'invoice.create': {
		input: {
			fields: {
				contractor: 'cn_Ehb3bYa',
				job: 'jb_jsb9KEcTpc',
				gross_pay: 152000,
				paycycle_startdate: '2026-11-01T00:00:00Z',
				paycycle_enddate: 1794700800,
				purchase_order_number: 'PO-17',
			},
		},
		expect: {
			method: 'POST',
			path: '/api/v1/invoices',
			json: {
				contractor: 'cn_Ehb3bYa',
				job: 'jb_jsb9KEcTpc',
				gross_pay: 152000,
				paycycle_startdate: 1793491200,
				paycycle_enddate: 1794700800,
				purchase_order_number: 'PO-17',
			},
		},
	},
	'invoice.get': get('/api/v1/invoices/in_1'),
	'invoice.update': { input: { id: 'in_1', fields: { gross_pay: '9510' } }, expect: { method: 'PUT', path: '/api/v1/invoices/in_1', json: { gross_pay: 9510 } } },
	'invoice.delete': del('/api/v1/invoices/in_1'),
	'invoice.list': list('/api/v1/invoices'),

	// Certificates (current docs): multipart upload; review results via expand[].
	'certificate.upload': {
		input: {
			fields: { contractor: 'cn_Ehb3bYa', custom_metadata: { jobdiva_candidate_id: '12345', source: 'jobdiva' } },
			files: { certificate: { data: PDF, fileName: 'coi.pdf', mimeType: 'application/pdf' } },
		},
		expect: {
			method: 'POST',
			path: '/api/v1/files/certificates',
			multipart: (parts) => {
				expect(parts).toEqual([
					{ name: 'certificate', fileName: 'coi.pdf', contentType: 'application/pdf', value: PDF.toString('latin1') },
					{ name: 'contractor', fileName: undefined, contentType: undefined, value: 'cn_Ehb3bYa' },
					{ name: 'custom_metadata[jobdiva_candidate_id]', fileName: undefined, contentType: undefined, value: '12345' },
					{ name: 'custom_metadata[source]', fileName: undefined, contentType: undefined, value: 'jobdiva' },
				]);
			},
		},
	},
	'certificate.get': {
		input: { id: 'ci_1', fields: { review_results: true } },
		expect: { method: 'GET', path: '/api/v1/files/certificates/ci_1', query: [['expand[]', 'review_results']] },
	},
	'certificate.list': list('/api/v1/files/certificates', { review_results: true }, [['expand[]', 'review_results']]),

	// Webhook endpoints (current docs).
	'webhookEndpoint.create': {
		input: { fields: { url: 'https://n8n.example.com/webhook/abc', description: 'n8n', events: ['policy.active', 'assignment.cancelled'] } },
		expect: {
			method: 'POST',
			path: '/api/v1/webhook_endpoints',
			json: { url: 'https://n8n.example.com/webhook/abc', description: 'n8n', events: ['policy.active', 'assignment.cancelled'] },
		},
	},
	'webhookEndpoint.get': get('/api/v1/webhook_endpoints/whe_1'),
	'webhookEndpoint.update': {
		input: { id: 'whe_1', fields: { events: 'policy.active, policy.cancelled' } },
		expect: { method: 'PUT', path: '/api/v1/webhook_endpoints/whe_1', json: { events: ['policy.active', 'policy.cancelled'] } },
	},
	'webhookEndpoint.delete': del('/api/v1/webhook_endpoints/whe_1'),
	'webhookEndpoint.list': list('/api/v1/webhook_endpoints'),

	// Events (current docs).
	'event.get': get('/api/v1/events/ev_1'),
	'event.list': list('/api/v1/events'),
};

