import { ApiError, invalidInput } from '../errors';
import { route, type RequestContext, type Route } from '../router';
import type { ApiObject } from '../types';
import { COVERAGE_TYPES, defined, FieldChecker, mergeMetadata } from '../validation';
import { created, deleted, ok, page, pathObject, referenced } from './common';
import { activePolicyOf } from './policies';
import { rateFor } from './quotes';

const DAY = 86_400;

/**
 * Assignments put a returning contractor on a new job. A contractor with an active policy (one who completed an
 * application) binds at once: `status: "active"`, `eligible: {result: true}`, `assignment.active`. Without
 * coverage the assignment is still created, as `status: "pending"` with `eligible: {result: false, message}` —
 * the contractor needs an application session first. `bind: false` leaves an eligible assignment pending.
 */
function read(ctx: RequestContext, partial: boolean) {
	const check = new FieldChecker(ctx.body, partial);
	const fields = defined({
		contractor: partial ? undefined : check.id('contractor', 'cn_', true),
		job: partial ? undefined : check.id('job', 'jb_', true),
		policy: partial ? undefined : check.id('policy', 'pl_'),
		coverage_type: check.list('coverage_type', COVERAGE_TYPES),
		effective_date: check.integer('effective_date', { min: 0 }),
		end_date: check.integer('end_date', { min: 0 }),
	});
	const bind = partial ? undefined : check.boolean('bind');
	const metadata = check.metadata();
	check.done();
	return { fields, bind, metadata };
}

function checkDates(assignment: Record<string, unknown>): void {
	if ((assignment.end_date as number) <= (assignment.effective_date as number)) {
		throw new ApiError(400, 'end_date_invalid', { end_date: 'must be after effective_date' });
	}
}

function choosePolicy(ctx: RequestContext, contractor: ApiObject, policyId: string | undefined): ApiObject | undefined {
	if (policyId === undefined) return activePolicyOf(ctx.core, ctx.env, contractor.id);
	const policy = referenced(ctx.store.collections.policies, policyId, 'policy');
	if (policy.contractor !== contractor.id) throw invalidInput({ policy: `belongs to contractor ${String(policy.contractor)}, not ${contractor.id}` });
	if (policy.status !== 'active') throw new ApiError(400, 'bad_request', `Policy ${policy.id} is ${String(policy.status)}, not active`);
	return policy;
}

/** IDs of the contractor's approved certificates (BYO-COI). */
function approvedCertificates(ctx: RequestContext, contractorId: string): string[] {
	return ctx.store.collections.certificates.all().filter((c) => c.contractor === contractorId && c.status === 'approved').map((c) => c.id);
}

export const assignmentRoutes: Route[] = [
	route('POST', '/assignments', (ctx) => {
		const { fields, bind, metadata } = read(ctx, false);
		const contractor = referenced(ctx.store.collections.contractors, String(fields.contractor), 'contractor');
		const job = referenced(ctx.store.collections.jobs, String(fields.job), 'job');
		const open = ctx.store.collections.assignments.all().find((a) => a.contractor === contractor.id && a.job === job.id && a.status !== 'cancelled');
		if (open) throw new ApiError(400, 'contractor_has_matching_policy', `Contractor ${contractor.id} already has assignment ${open.id} for job ${job.id}`);
		const policy = choosePolicy(ctx, contractor, fields.policy as string | undefined);
		const effective = (fields.effective_date as number | undefined) ?? ctx.core.nowSeconds() + DAY;
		const dates = { effective_date: effective, end_date: (fields.end_date as number | undefined) ?? effective + 30 * DAY };
		checkDates(dates);
		const coverage = (fields.coverage_type as string[] | undefined) ?? (policy?.coverage_type as string[] | undefined) ?? ['general'];
		const rating = rateFor(ctx.core, ctx.env, contractor.id, job, coverage);
		let status = 'pending';
		let eligible: { result: boolean; message: string };
		if (!rating.eligible) eligible = { result: false, message: String(rating.reason) };
		else if (!policy) eligible = { result: false, message: `Contractor ${contractor.id} has no active policy; send an application session first` };
		else if (bind === false) eligible = { result: true, message: `Eligible under policy ${policy.id}; not bound because bind is false` };
		else {
			status = 'active';
			eligible = { result: true, message: `Bound under active policy ${policy.id} (returning contractor)` };
		}
		const assignment = ctx.core.insert(ctx.env, 'assignments', 'an_', {
			contractor: contractor.id,
			job: job.id,
			policy: rating.eligible && policy ? policy.id : null,
			status,
			eligible,
			net_rate: rating.net_rate,
			coverage_type: coverage,
			...dates,
			certificates: approvedCertificates(ctx, contractor.id),
			cancel_reason: null,
			custom_metadata: mergeMetadata({}, metadata),
		});
		if (status === 'active') ctx.core.emit(ctx.env, 'assignment.active', assignment);
		return created(assignment);
	}),
	route('GET', '/assignments', (ctx) => page(ctx, ctx.store.collections.assignments)),
	route('GET', '/assignments/:id', (ctx) => ok(pathObject(ctx, ctx.store.collections.assignments))),
	route('PUT', '/assignments/:id', (ctx) => {
		const assignment = pathObject(ctx, ctx.store.collections.assignments);
		if (assignment.status === 'cancelled') throw new ApiError(400, 'bad_request', `Assignment ${assignment.id} is cancelled`);
		const { fields, metadata } = read(ctx, true);
		const next: ApiObject = { ...assignment, ...fields, custom_metadata: mergeMetadata(assignment.custom_metadata, metadata) };
		checkDates(next);
		if (fields.coverage_type) {
			const job = referenced(ctx.store.collections.jobs, String(assignment.job), 'job');
			next.net_rate = rateFor(ctx.core, ctx.env, String(assignment.contractor), job, fields.coverage_type as string[]).net_rate;
		}
		return ok(ctx.store.collections.assignments.replace(next));
	}),
	route('DELETE', '/assignments/:id', (ctx) => {
		const assignment = pathObject(ctx, ctx.store.collections.assignments);
		if (assignment.status === 'active') {
			ctx.core.emit(ctx.env, 'assignment.cancelled', { ...assignment, status: 'cancelled', cancel_reason: 'assignment deleted' });
		}
		ctx.store.collections.assignments.delete(assignment.id);
		return deleted(ctx, assignment.id, 'assignment');
	}),
	/** Cancels every open assignment of the job; answers `{job_id, reason, cancelled: [assignments]}`. */
	route('POST', '/assignments/cancel', (ctx) => {
		const check = new FieldChecker(ctx.body);
		const jobId = check.id('job_id', 'jb_', true);
		const reason = check.string('reason') ?? null;
		check.done();
		const assignments = ctx.store.collections.assignments;
		const open = assignments.all().filter((a) => a.job === jobId && a.status !== 'cancelled');
		if (open.length === 0) throw new ApiError(404, 'resource_not_found', `No open assignment for job ${String(jobId)}`);
		const cancelled = open.map((a) => {
			const saved = assignments.replace({ ...a, status: 'cancelled', cancel_reason: reason });
			ctx.core.emit(ctx.env, 'assignment.cancelled', saved);
			return saved;
		});
		return ok({ job_id: jobId, reason, cancelled });
	}),
];
