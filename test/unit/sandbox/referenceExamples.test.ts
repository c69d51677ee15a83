import { describe, expect, it } from 'vitest';
import {
	CONTRACTOR_CREATE,
	CONTRACTOR_UPDATE,
	ENTITY_CREATE,
	ENTITY_UPDATE,
	GUIDE_ASSIGNMENT_CREATE,
	GUIDE_ENTITY_CREATE,
	GUIDE_INVOICE_CREATE,
	GUIDE_QUOTE_CREATE,
	JOB_CREATE,
	JOB_UPDATE,
	POLICY_CREATE,
	POLICY_UPDATE,
	QUOTE_CREATE,
	QUOTE_UPDATE,
	SESSION_CREATE,
	type ReferenceExample,
} from '../../fixtures/sandbox/referenceExamples';
import type { SandboxClient } from '../../sandbox/client';
import { nowSeconds, seedFlow, useSandbox } from './setup';

const ctx = useSandbox();

/** Replaces `{contractor}`-style placeholders with IDs, and `{future}` with a date in the future. */
function fill(body: Record<string, unknown>, ids: Record<string, string>): Record<string, unknown> {
	const future = nowSeconds() + 7 * 86_400;
	const text = JSON.stringify(body)
		.replace(/"\{future\}"/g, String(future))
		.replace(/"\{future\+30d\}"/g, String(future + 30 * 86_400))
		.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name] ?? `{${name}}`);
	return JSON.parse(text) as Record<string, unknown>;
}

/** IDs every example may need: a contractor, entity, job and an unbound quote, plus the object to update. */
async function idsFor(api: SandboxClient, example: ReferenceExample): Promise<Record<string, string>> {
	const flow = await seedFlow(api);
	const ids: Record<string, string> = { ...flow, quote: flow.quote! };
	const target: Record<string, string> = {
		'/contractors/{id}': flow.contractor,
		'/entities/{id}': flow.entity,
		'/jobs/{id}': flow.job,
		'/quotes/{id}': flow.quote!,
	};
	if (example.path === '/policies/{id}') {
		const policy = await api.post('/policies', { quote: flow.quote });
		ids.id = policy.body.id;
	} else if (target[example.path]) ids.id = target[example.path];
	return ids;
}

async function send(api: SandboxClient, example: ReferenceExample, body: Record<string, unknown>, ids: Record<string, string>) {
	return api.request(example.method, example.path.replace('{id}', ids.id ?? ''), { body });
}

const EXAMPLES = [
	CONTRACTOR_CREATE,
	CONTRACTOR_UPDATE,
	ENTITY_CREATE,
	ENTITY_UPDATE,
	GUIDE_ENTITY_CREATE,
	JOB_CREATE,
	JOB_UPDATE,
	QUOTE_CREATE,
	QUOTE_UPDATE,
	SESSION_CREATE,
	POLICY_CREATE,
	POLICY_UPDATE,
	GUIDE_QUOTE_CREATE,
	GUIDE_ASSIGNMENT_CREATE,
	GUIDE_INVOICE_CREATE,
];

describe('the reference request examples', () => {
	it.each(EXAMPLES.map((e) => [e.name, e] as const))('accepts "%s"', async (_name, example) => {
		const ids = await idsFor(ctx.api, example);
		const body = fill(example.body, ids);
		const response = await send(ctx.api, example, body, ids);
		expect(response.status, JSON.stringify(response.body)).toBe(example.method === 'POST' ? 201 : 200);
		// The stored object echoes what was sent (IDs, enums, metadata), and has the right prefix.
		for (const [field, value] of Object.entries(body)) {
			if (['tax_identification', 'coverage_limit', 'address', 'effective_date', 'expiration_date'].includes(field)) continue;
			expect(response.body[field], field).toEqual(value);
		}
		const prefix = { contractors: 'cn_', entities: 'en_', jobs: 'jb_', quotes: 'qt_', apply: 'ias_', policies: 'pl_', assignments: 'an_', invoices: 'in_' }[
			example.path.split('/')[1]
		];
		expect(response.body.id).toMatch(new RegExp(`^${prefix}`));
		expect(Number.isInteger(response.body.created)).toBe(true);
	});

	const requiredCases = EXAMPLES.filter((e) => e.method === 'POST').flatMap((e) => e.required.map((field) => [e.name, field, e] as const));
	it.each(requiredCases)('"%s" without %s is refused, naming the field', async (_name, field, example) => {
		const ids = await idsFor(ctx.api, example);
		const body = fill(example.body, ids);
		delete body[field];
		const before = ctx.sandbox.state();
		const response = await send(ctx.api, example, body, ids);
		expect(response.status).toBe(400);
		expect(typeof response.body.message).toBe('object');
		expect(response.body.message[field]).toBe('is required');
		expect(response.body.error_code).toBe(field === 'category_code' ? 'missing_job_category_code' : 'invalid_input');
		expect(ctx.sandbox.state()).toEqual(before);
	});

	it('names every missing field at once', async () => {
		const response = await ctx.api.post('/jobs', { name: 'x' });
		expect(response.status).toBe(400);
		expect(response.body).toEqual({
			message: {
				description: 'is required',
				entity: 'is required',
				category_code: 'is required',
				wage: 'is required',
				wage_type: 'is required',
			},
			error_code: 'invalid_input',
		});
	});

	it('accepts a contractor without the phone and address the 2022 reference marks required (JobDiva guide)', async () => {
		const body = fill(CONTRACTOR_CREATE.body, {});
		delete body.phone;
		delete body.address;
		const response = await ctx.api.post('/contractors', body);
		expect(response.status).toBe(201);
		expect(response.body).toMatchObject({ phone: null, address: null, email: 'parker@gmail.com' });
		// The tax ID is stored, never echoed.
		expect(response.body.tax_identification).toBeUndefined();
		expect(ctx.sandbox.state().contractors[0].tax_identification).toBe('12-3456789');
	});
});
