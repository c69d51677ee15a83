import { afterAll, beforeAll, beforeEach } from 'vitest';
import { sandboxClient, type SandboxClient } from '../../sandbox/client';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index';

/**
 * One sandbox per test file, reset before each test. `ctx.sandbox` / `ctx.api` are filled in `beforeAll`.
 */
export function useSandbox(options: SandboxOptions = {}): { sandbox: Sandbox; api: SandboxClient } {
	const ctx = {} as { sandbox: Sandbox; api: SandboxClient };
	beforeAll(async () => {
		ctx.sandbox = await startSandbox(options);
		ctx.api = sandboxClient(ctx.sandbox.url);
	});
	beforeEach(() => ctx.sandbox.reset());
	afterAll(async () => ctx.sandbox.stop());
	return ctx;
}

const DAY = 86_400;
export const nowSeconds = () => Math.floor(Date.now() / 1000);

let counter = 0;

/** Creates contractor → entity → job (→ quote) through the API and returns their IDs. */
export async function seedFlow(
	api: SandboxClient,
	overrides: { contractor?: object; job?: object; quote?: object | false; env?: string } = {},
): Promise<{ contractor: string; entity: string; job: string; quote?: string }> {
	const env = overrides.env ? { env: overrides.env } : {};
	const n = ++counter;
	const contractor = await api.post(
		'/contractors',
		{ first_name: 'Jordan', last_name: `Lee${n}`, email: `jordan${n}.${Date.now()}@example.com`, address: { region: 'CA' }, ...overrides.contractor },
		env,
	);
	const entity = await api.post('/entities', { name: `Client ${n}` }, env);
	const job = await api.post(
		'/jobs',
		{
			name: 'Data analyst',
			description: 'Build dashboards',
			entity: entity.body.id,
			category_code: 'jc_DATA_ANALYTICS',
			wage: 5000,
			wage_type: 'hourly',
			region: 'NY',
			...overrides.job,
		},
		env,
	);
	if ([contractor, entity, job].some((r) => r.status !== 201)) {
		throw new Error(`seedFlow failed: ${JSON.stringify([contractor.body, entity.body, job.body])}`);
	}
	const ids = { contractor: contractor.body.id as string, entity: entity.body.id as string, job: job.body.id as string };
	if (overrides.quote === false) return ids;
	const quote = await api.post(
		'/quotes',
		{ contractor: ids.contractor, job: ids.job, coverage_type: ['general', 'workers-comp'], effective_date: nowSeconds() + DAY, ...overrides.quote },
		env,
	);
	if (quote.status !== 201) throw new Error(`seedFlow quote failed: ${JSON.stringify(quote.body)}`);
	return { ...ids, quote: quote.body.id as string };
}
