import { describe, expect, it } from 'vitest';
import { normalise } from '../../../src/mapping';
import { fixture, mapped, rules, skipped } from './support';

/** Each JobDiva input shape is recognised, and maps to the same 1099Policy bodies as the others. */

describe('input shapes', () => {
	it.each([
		['BI CandidateDetail row', fixture('candidateDetail'), ['bi'], ['candidate']],
		['BI JobDetail row', fixture('jobDetail'), ['bi'], ['job']],
		['BI activity (hire) record', fixture('activityRecord'), ['bi'], ['placement']],
		['BI timesheet record', fixture('timesheetRecord'), ['bi'], ['timesheet']],
		['BI invoice detail', fixture('invoiceDetail'), ['bi'], ['invoice']],
		['searchStart record', fixture('searchStart'), ['searchStart'], ['candidate', 'placement']],
		['webhook (candidate)', fixture('webhookCandidate'), ['webhook', 'bi'], ['candidate']],
		['webhook (salary)', fixture('webhookSalary'), ['webhook', 'bi'], ['placement']],
		['camelCase (guide names)', fixture('camelCasePlacement'), ['camelCase'], ['candidate', 'job', 'placement']],
		['BI response wrapper', { message: 'OK', data: [fixture('candidateDetail')] }, ['bi'], ['candidate']],
		['nested parts', { candidate: fixture('candidateDetail'), job: fixture('jobDetail'), placement: fixture('activityRecord') }, ['nested', 'bi'], ['candidate', 'job', 'placement']],
	])('%s', (_label, input, shapes, parts) => {
		const record = normalise(input);
		expect(record.shapes).toEqual(shapes);
		expect(record.recognised).toEqual(parts);
	});

	it('a bare ID belongs to the object the row is (candidate row → candidate, searchStart → placement)', () => {
		expect(normalise(fixture('candidateDetail')).candidate.id).toEqual({ value: '12345', field: 'ID' });
		expect(normalise(fixture('jobDetail')).job.id).toEqual({ value: '78910', field: 'ID' });
		const start = normalise(fixture('searchStart'));
		expect(start.placement.id).toEqual({ value: 45678, field: 'id' });
		expect(start.candidate.id).toEqual({ value: 12345, field: 'candidate id' });
	});

	it('the same candidate as BI row, webhook and camelCase gives the same contractor body', () => {
		const bi = mapped(fixture('candidateDetail'), 'mapCandidate').contractor!.body;
		const webhook = mapped(fixture('webhookCandidate'), 'mapCandidate').contractor!.body;
		const camel = mapped({ candidateId: '12345', firstName: 'Jordan', lastName: 'Lee', email: 'jordan.lee@example.net', phone: '415-474-9088', state: 'CA', country: 'US' }, 'mapCandidate').contractor!.body;
		expect(webhook).toEqual(camel);
		expect(bi).toMatchObject(webhook);
	});

	it('searchStart: name split, epoch-ms dates, corp-to-corp evidence, USD/Hour unit', () => {
		const result = mapped({ ...fixture('searchStart'), 'job title': 'Data Analyst' }, 'mapPlacement');
		expect(result.contractor!.body).toMatchObject({ first_name: 'Jordan', last_name: 'Lee', email: 'jordan.lee@example.net' });
		expect(result.quote!.body).toMatchObject({ effective_date: 1795986000, end_date: 1803877200 });
		expect(result.gate).toEqual({ reason: 'contractor evidence: corp-to-corp flag set (true)', field: 'crop to crop', value: 'true' });
		expect(result.jobdiva).toEqual({ candidateId: '12345', jobId: '78910', placementId: '45678' });
	});

	it('searchStart without job details: the placement pay is handed on as compensation, checked', () => {
		const result = mapped(fixture('searchStart'), 'mapPlacement');
		expect(result.job).toBeUndefined();
		expect(result.compensation).toMatchObject({ wage: 9500, wage_type: 'hourly' });
		expect(mapped({ ...fixture('searchStart'), 'agreed pay rate': null }, 'mapPlacement').compensation).toBeUndefined();
	});

	it('"Lee, Jordan" (surname first) is split too', () => {
		const result = mapped({ ...fixture('searchStart'), 'candidate name': 'Lee, Jordan' }, 'mapPlacement');
		expect(result.contractor!.body).toMatchObject({ first_name: 'Jordan', last_name: 'Lee' });
	});

	it('webhook salary record: the webhook id is the placement id, SALARY/SALARY_PER the wage, WORK_STATE the zone', () => {
		const result = mapped(fixture('webhookSalary'), 'mapPlacement');
		expect(result.jobdiva).toEqual({ candidateId: '12345', jobId: '78910', placementId: '12345,889' });
		expect(result.quote!.idempotencyKey).toMatch(/^jobdiva-placement-12345_889-[0-9a-f]{8}$/);
		expect(result.quote!.timeZone).toBe('America/New_York');
		// 12/01/2026 00:00 EST = 05:00Z; 02/28/2027 23:59:59 EST = 03/01 04:59:59Z
		expect(result.quote!.body).toMatchObject({ effective_date: 1796101200, end_date: 1803877199 });
		expect(result.webhook).toEqual({ type: 'salary', operation: 'Insert', id: '12345,889' });
	});

	it('webhook Delete and webhook types without mappable data go to Skipped', () => {
		expect(skipped({ type: 'candidate', operation: 'Delete', id: '12345' }, 'mapCandidate')).toMatchObject({ field: 'operation', value: 'Delete' });
		expect(skipped({ type: 'company', operation: 'Insert', id: '501', data: [{ ID: '501', NAME: 'Acme' }] }, 'mapPlacement')).toMatchObject({
			field: 'type',
			value: 'company',
		});
	});

	it('a contact webhook (a client contact with name and email) is not taken for a candidate', () => {
		const contact = { type: 'contact', operation: 'Insert', id: '77', data: [{ ID: '77', FIRSTNAME: 'Pat', LASTNAME: 'Buyer', EMAIL: 'pat@client.example.org' }] };
		expect(normalise(contact).recognised).toEqual([]);
		expect(skipped(contact, 'mapCandidate')).toMatchObject({ field: 'type', value: 'contact' });
	});

	it('webhook data with several rows maps the first and says so', () => {
		const envelope = fixture('webhookCandidate') as { data: unknown[] };
		envelope.data.push({ ID: '999', FIRSTNAME: 'X', LASTNAME: 'Y' });
		const result = mapped(envelope, 'mapCandidate');
		expect(result.contractor!.body.custom_metadata.jobdiva_candidate_id).toBe('12345');
		expect(result.notes.join(' ')).toMatch(/held 2 rows; only the first/);
	});

	it('the item that is no record at all is reported, not thrown', () => {
		expect(normalise('hello').notes[0]).toMatch(/not a JobDiva record/);
		expect(normalise([1, 2]).recognised).toEqual([]);
	});

	it('errors name the field as written in the input shape', () => {
		const rulesNoDefault = rules();
		const bi = mapped({ ...fixture('candidateDetail'), STATE: 'Ontario' }, 'mapCandidate', rulesNoDefault);
		expect(bi.notes.join(' ')).toMatch(/STATE "Ontario" is not a US state/);
	});
});
