/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { standinOverHttp } from '../../helpers/standinOverHttp';

const jd = standinOverHttp();
const { bi, starts, admin } = jd;
const window = { fromDate: '12/01/2026 00:00:00', toDate: '12/14/2026 23:59:59' };

describe('JobDiva stand-in: changing placements over HTTP (/__standin/placements/{id})', () => {
	it('changes dates, pay rate and status everywhere the stand-in serves them, re-stamped so a poller sees the update', async () => {
		const changed = await admin('POST', '/placements/45678/change', { startDate: '2026-12-08', endDate: '2027-01-31', payRate: 99.5, status: 'Confirmed', at: '2026-12-05T10:00:00Z' });
		expect(changed.status).toBe(200);
		const [activity] = (await bi('NewUpdatedSubmittalInterviewHireActivityRecords', window)).filter((r) => r.ACTIVITYID === '45678');
		expect(activity).toMatchObject({ STARTDATE: '12/08/2026 00:00:00', ENDDATE: '01/31/2027 00:00:00', AGREEDPAYRATE: '99.50' });
		expect(await bi('UpdatedHires', window)).toEqual([{ PLACEMENTID: '45678' }]);
		const [start] = await starts({ candidateid: 12345, jobId: 78910 });
		expect(start).toMatchObject({ 'start date': Date.parse('2026-12-08T08:00:00Z'), 'end date': Date.parse('2027-01-31T08:00:00Z'), 'agreed pay rate': 99.5 });
		expect((await bi('SalaryRecordDetail', { employeeId: '12345', recordId: '880' }))[0]).toMatchObject({ SALARY: '99.50', STARTDATE: '12/08/2026', ENDDATE: '01/31/2027' });
		expect((await bi('BillingRecordDetail', { employeeId: '12345', recordId: '880' }))[0]).toMatchObject({ STARTDATE: '12/08/2026', ENDDATE: '01/31/2027' });
		// Admin calls are not in the request log (it counts what the nodes call).
		expect(jd.standin.requestLog.some((entry) => entry.path.startsWith('/__standin'))).toBe(false);
	});

	it("changes the candidate's email in CandidateDetail and in every one of their starts", async () => {
		await admin('POST', '/placements/45678/change', { email: 'jordan@lee-consulting.example' });
		expect((await bi('CandidateDetail', { candidateId: '12345' }))[0].EMAIL).toBe('jordan@lee-consulting.example');
		expect((await starts({ candidateid: 12345 })).map((s) => s['candidate email'])).toEqual(['jordan@lee-consulting.example', 'jordan@lee-consulting.example']);
	});

	it('ends a placement (end date moved, status set) and deletes one (gone from searchStart and the details, reported in UpdatedHires)', async () => {
		const ended = await admin('POST', '/placements/45679/end', { endDate: '2026-12-20', status: 'Terminated', at: '2026-12-06T09:00:00Z' });
		expect(ended.body.start).toMatchObject({ startStatus: 'Terminated', 'end date': Date.parse('2026-12-20T05:00:00Z') });
		const deleted = await admin('DELETE', '/placements/45680', { at: '2026-12-07T09:00:00Z' });
		expect(deleted.body).toMatchObject({ deleted: true, id: '45680' });
		expect(await starts({ candidateid: 12347 })).toEqual([]);
		expect((await bi('NewUpdatedSubmittalInterviewHireActivityRecords', { fromDate: '11/01/2026 00:00:00', toDate: '11/14/2026 00:00:00' })).map((r) => r.ACTIVITYID)).toEqual(['45678', '45690']);
		expect(await bi('SalaryRecordDetail', { employeeId: '12347', recordId: '882' })).toEqual([]);
		expect(await bi('UpdatedHires', window)).toEqual([{ PLACEMENTID: '45679' }, { PLACEMENTID: '45680' }]);
		expect((await admin('GET', '/placements/45680')).status).toBe(404);
	});

	it('sends the signed JobDiva webhook for a change or delete when asked (billing record: Update with data, Delete without)', async () => {
		const received: Array<{ signature: unknown; body: any }> = [];
		const receiver = createServer((req, res) => {
			let raw = '';
			req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
			req.on('end', () => {
				received.push({ signature: req.headers['x-hub-signature'], body: JSON.parse(raw) });
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		try {
			const change = await admin('POST', '/placements/45678/change', { payRate: 101, webhook: { url, secret: 's3cret' } });
			expect(change.body.webhook).toMatchObject({ status: 200, body: 'ok' });
			await admin('DELETE', '/placements/45678', { webhook: { url, secret: 's3cret' } });
			expect(received.map((r) => r.body)).toEqual([
				{ type: 'billing', operation: 'Update', id: '12345,880', data: [expect.objectContaining({ ACTIVITYID: '45678', EMPLOYEEID: '12345' })] },
				{ type: 'billing', operation: 'Delete', id: '12345,880' },
			]);
			expect(received[0].signature).toMatch(/^sha1=[0-9a-f]{40}$/);
		} finally {
			receiver.close();
		}
	});

	it('refuses an unknown placement, bad fields and bad dates, changing nothing', async () => {
		expect(await admin('POST', '/placements/99999/change', { payRate: 1 })).toEqual({ status: 404, body: { error: expect.stringContaining('No placement 99999') } });
		expect((await admin('POST', '/placements/45678/change', { endDate: '01/31/2027' })).body.error).toBe('endDate must be a date as YYYY-MM-DD, got "01/31/2027"');
		expect((await admin('POST', '/placements/45678/change', { startDate: '2026-12-09', payRate: -3 })).body.error).toMatch(/payRate must be a positive number/);
		expect((await admin('POST', '/placements/45678/change', { rate: 3 })).body.error).toMatch(/Unknown change fields rate/);
		expect(jd.standin.placement('45678').activity.row.STARTDATE).toBe('12/01/2026 00:00:00');
		expect(jd.standin.fixtures.hires.filter((h) => h.feed === 'updated')).toEqual([]);
	});

	it('offers the same in process: changePlacement, endPlacement (default: ends on the change day), deletePlacement', async () => {
		jd.standin.changePlacement('45690', { payRate: '104.25', at: '2026-12-05T12:00:00Z' });
		expect(jd.standin.placement('45690').start['agreed pay rate']).toBe(104.25);
		jd.standin.endPlacement('45690', { at: '2026-12-09T15:00:00Z' });
		expect(jd.standin.placement('45690').activity.row.ENDDATE).toBe('12/09/2026 00:00:00');
		jd.standin.deletePlacement('45690', '2026-12-10T00:00:00Z');
		expect(await starts({ candidateid: 12345 })).toHaveLength(1);
		expect(jd.standin.fixtures.hires.filter((h) => h.placementId === '45690').map((h) => h.at)).toEqual([
			'2026-11-12T15:45:00Z',
			'2026-12-05T12:00:00.000Z',
			'2026-12-09T15:00:00.000Z',
			'2026-12-10T00:00:00.000Z',
		]);
	});
});
