import { ApiError } from '../errors';
import { route, type RequestContext, type Route } from '../router';
import type { ApiObject } from '../types';
import { defined, FieldChecker } from '../validation';
import { created, deleted, ok, page, pathObject, referenced } from './common';

function read(ctx: RequestContext, partial: boolean) {
	const check = new FieldChecker(ctx.body, partial);
	const fields = defined({
		contractor: partial ? undefined : check.id('contractor', 'cn_', true),
		job: partial ? undefined : check.id('job', 'jb_', true),
		gross_pay: check.integer('gross_pay', { required: true, min: 1 }),
		paycycle_startdate: check.integer('paycycle_startdate', { required: true, min: 0 }),
		paycycle_enddate: check.integer('paycycle_enddate', { required: true, min: 0 }),
		purchase_order_number: check.string('purchase_order_number'),
	});
	check.done();
	return fields;
}

/** End on or after start (the guide's example has both equal); one invoice per contractor, job and pay cycle. */
function checkCycle(ctx: RequestContext, invoice: Record<string, unknown>, self?: string): void {
	if ((invoice.paycycle_enddate as number) < (invoice.paycycle_startdate as number)) {
		throw new ApiError(400, 'invalid_input', { paycycle_enddate: 'must not be before paycycle_startdate' });
	}
	const same = (other: ApiObject) =>
		other.id !== self &&
		other.contractor === invoice.contractor &&
		other.job === invoice.job &&
		other.paycycle_startdate === invoice.paycycle_startdate &&
		other.paycycle_enddate === invoice.paycycle_enddate;
	const existing = ctx.store.collections.invoices.all().find(same);
	if (existing) throw new ApiError(400, 'invoice_exists', `Invoice ${existing.id} already covers this contractor, job and pay cycle`);
}

export const invoiceRoutes: Route[] = [
	route('POST', '/invoices', (ctx) => {
		const fields = read(ctx, false);
		referenced(ctx.store.collections.contractors, String(fields.contractor), 'contractor');
		referenced(ctx.store.collections.jobs, String(fields.job), 'job');
		checkCycle(ctx, fields);
		return created(ctx.core.insert(ctx.env, 'invoices', 'in_', { purchase_order_number: null, ...fields }));
	}),
	route('GET', '/invoices', (ctx) => page(ctx, ctx.store.collections.invoices)),
	route('GET', '/invoices/:id', (ctx) => ok(pathObject(ctx, ctx.store.collections.invoices))),
	route('PUT', '/invoices/:id', (ctx) => {
		const invoice = pathObject(ctx, ctx.store.collections.invoices);
		const next = { ...invoice, ...read(ctx, true) };
		checkCycle(ctx, next, invoice.id);
		return ok(ctx.store.collections.invoices.replace(next));
	}),
	route('DELETE', '/invoices/:id', (ctx) => {
		const invoice = pathObject(ctx, ctx.store.collections.invoices);
		ctx.store.collections.invoices.delete(invoice.id);
		return deleted(ctx, invoice.id, 'invoice');
	}),
];
