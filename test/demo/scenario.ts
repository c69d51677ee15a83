/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { sandboxClient } from '../sandbox/client';

/**
 * The demo's story, shared by `npm run demo`, the in-process template test and the real-n8n end-to-end test.
 * The JobDiva stand-in's default fixtures hold six placements (test/jobdiva-standin/fixtures.ts); before the run,
 * Jordan Lee is made a *returning* contractor: insured through an earlier Acme Health engagement.
 */
export const SANDBOX_KEY = 't9k_test_demo_key_4f9a2c';

export const RETURNING = { firstName: 'Jordan', lastName: 'Lee', email: 'jordan.lee@example.net', client: 'Acme Health' };

/** What the placement template must do with each JobDiva placement of the stand-in's default fixtures. */
export const EXPECTED: Record<string, { candidate: string; outcome: 'assignment' | 'session' | 'skipped' | 'needs fixing'; why: string }> = {
	'45678': { candidate: 'Jordan Lee', outcome: 'assignment', why: 'returning contractor (corp-to-corp), Acme Health analyst' },
	'45690': { candidate: 'Jordan Lee', outcome: 'assignment', why: 'returning contractor, second Acme Health placement' },
	'45680': { candidate: 'Marcus Webb', outcome: 'session', why: 'first-time contractor (corp-to-corp), day rate' },
	'45679': { candidate: 'Priya Raman', outcome: 'skipped', why: 'no contractor evidence on the hire record (corp-to-corp N)' },
	'45700': { candidate: 'Alicia Gomez', outcome: 'skipped', why: 'W-2 hourly: position type contract, no corp-to-corp flag' },
	'45710': { candidate: 'Sam Ortiz', outcome: 'needs fixing', why: 'bad data: end date before start date, no pay rate' },
};

/** Makes Jordan Lee a returning contractor: contractor, client entity, an earlier job, quote, session, completed. */
export async function seedReturningContractor(sandboxUrl: string, key = SANDBOX_KEY): Promise<{ contractor: string; policy: string }> {
	const api = sandboxClient(sandboxUrl, { key });
	const ok = <T>(response: { status: number; body: T }, what: string): T => {
		if (response.status >= 300) throw new Error(`Seeding the returning contractor failed at ${what}: ${response.status} ${JSON.stringify(response.body)}`);
		return response.body;
	};
	const contractor = ok(
		await api.post('/contractors', {
			first_name: RETURNING.firstName,
			last_name: RETURNING.lastName,
			email: RETURNING.email,
			address: { line1: '1 Kearny St', locality: 'San Francisco', region: 'CA', postalcode: '94104', country: 'US' },
		}),
		'contractor',
	) as { id: string };
	const entity = ok(await api.post('/entities', { name: RETURNING.client, required_coverage: ['general'] }), 'entity') as { id: string };
	const job = ok(
		await api.post('/jobs', {
			name: 'Reporting analyst (earlier engagement)',
			description: 'Quarterly reporting support.',
			entity: entity.id,
			category_code: 'jc_DATA_ANALYTICS',
			wage: 9000,
			wage_type: 'hourly',
			region: 'CA',
		}),
		'job',
	) as { id: string };
	const quote = ok(await api.post('/quotes', { contractor: contractor.id, job: job.id, coverage_type: ['general'] }), 'quote') as { id: string };
	const session = ok(await api.post('/apply/sessions', { quote: quote.id }), 'session') as { id: string };
	ok(await api.admin('POST', `/sessions/${session.id}/complete`), 'completing the application');
	const policies = ok(await api.get(`/contractors/${contractor.id}/policies`), 'policies') as Array<{ id: string; status: string }>;
	const active = policies.find((p) => p.status === 'active');
	if (!active) throw new Error('Seeding the returning contractor failed: no active policy after completing the application');
	return { contractor: contractor.id, policy: active.id };
}
