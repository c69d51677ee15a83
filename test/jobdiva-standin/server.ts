/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { defaultFixtures, type Row, type Stamped, type StandinFixtures } from './fixtures';
import {
	changePlacement,
	deletePlacement,
	endPlacement,
	PlacementError,
	placementView,
	placementWebhookBody,
	type PlacementChange,
	type PlacementView,
} from './placements';
import { putTimesheet, timesheetView, type TimesheetChange } from './timesheets';
import { addAttachment, listAttachments, type AttachmentInput, type AttachmentView } from './attachments';
import { sendSignedWebhook, type WebhookResult, type WebhookSendOptions } from './webhookSender';

export interface StandinOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** Replaces parts of the default fixtures. */
	fixtures?: Partial<StandinFixtures>;
	/** How long a token stays valid (default 24 h, like JobDiva). An expired token gets 401. */
	tokenTtlMs?: number;
	/** The tenant's time zone, in which `fromDate`/`toDate` are read (default America/New_York). */
	zone?: string;
}

export interface RequestLogEntry {
	method: string;
	/** Path without the query, e.g. `/apiv2/bi/NewHires`. */
	path: string;
	query: Record<string, string>;
	/** The bearer token sent, if any (tests check reuse; never a password). */
	token?: string;
	/** Parsed JSON body of a POST (the login body's password is replaced by `***`). */
	body?: unknown;
	status: number;
}

export interface JobDivaStandin {
	/** e.g. `http://127.0.0.1:54321`; use it as the credential's Base URL. */
	readonly url: string;
	stop(): Promise<void>;
	/** Every request, oldest first (live array). */
	readonly requestLog: RequestLogEntry[];
	/** Replaces parts of the current fixtures (the rest stay). */
	setFixtures(fixtures: Partial<StandinFixtures>): void;
	/** The current fixtures (live object: tests may edit it). */
	readonly fixtures: StandinFixtures;
	/**
	 * The next `count` calls whose path ends with `endpoint` (e.g. `NewHires`, `login`) answer 429 "Request Limit
	 * Exceeded" (per endpoint, like JobDiva's per-method limit). Replaces an earlier count; 0 clears it.
	 */
	rateLimit(endpoint: string, count: number): void;
	/** Makes every issued token expired (the next authenticated call gets 401). */
	expireTokens(): void;
	/** Tokens issued so far, oldest first. */
	readonly issuedTokens: readonly string[];
	/** POSTs `body` to `url` as JobDiva does: JSON, `X-Hub-Signature: sha1=<HMAC-SHA1(secret, raw body)>`. */
	sendWebhook(url: string, body: unknown, secret: string, options?: WebhookSendOptions): Promise<WebhookResult>;
	/** One placement as served: activity row (+ stamp), searchStart record, billing, salary, candidate. */
	placement(id: string): PlacementView;
	/** Changes dates, pay rate, status or the candidate's email; the feeds report it at `change.at` (default now). */
	changePlacement(id: string, change: PlacementChange): PlacementView;
	/** Moves the end date to `endDate` (default the change day), optionally with a status. */
	endPlacement(id: string, end?: Pick<PlacementChange, 'endDate' | 'status' | 'at'>): PlacementView;
	/** Removes the placement from searchStart and the activity, billing and salary data; UpdatedHires reports its ID. */
	deletePlacement(id: string, at?: string): PlacementView;
	/** Attaches a file to a candidate (see attachments.ts); `CandidateAttachmentDetail` serves it from then on. */
	addAttachment(input: AttachmentInput): AttachmentView;
}

/** `/__standin/…`: the stand-in's own controls (no token, not in the request log). See README.md. */
export const ADMIN_PREFIX = '/__standin';

const MAX_RANGE_MS = 14 * 24 * 60 * 60 * 1000;

const RANGE_FEEDS: Record<string, (f: StandinFixtures) => Stamped[]> = {
	NewHires: (f) => f.hires.filter((h) => h.feed === 'new').map((h) => ({ at: h.at, row: { PLACEMENTID: h.placementId } })),
	UpdatedHires: (f) => f.hires.filter((h) => h.feed === 'updated').map((h) => ({ at: h.at, row: { PLACEMENTID: h.placementId } })),
	NewUpdatedSubmittalInterviewHireActivityRecords: (f) => f.activities,
	NewUpdatedTimesheetRecords: (f) => f.timesheets,
};

/**
 * A local JobDiva V2 API for tests and demos: login and tokens, the BI feeds the nodes use (14-day limit enforced),
 * `searchStart`, attachments, a per-endpoint 429 injector, a request log and a signed webhook sender.
 * See README.md in this folder.
 */
export async function startJobDivaStandin(options: StandinOptions = {}): Promise<JobDivaStandin> {
	const fixtures: StandinFixtures = { ...defaultFixtures(), ...(options.fixtures ?? {}) };
	const tokenTtlMs = options.tokenTtlMs ?? 24 * 60 * 60 * 1000;
	const zone = options.zone ?? 'America/New_York';
	const tokens = new Map<string, number>();
	const issuedTokens: string[] = [];
	const requestLog: RequestLogEntry[] = [];
	const limits = new Map<string, number>();

	const issueToken = () => {
		const token = `jd_${randomBytes(24).toString('hex')}`;
		tokens.set(token, Date.now() + tokenTtlMs);
		issuedTokens.push(token);
		return token;
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://standin');
		const path = url.pathname;
		const query = Object.fromEntries(url.searchParams.entries());
		const raw = await readBody(req);
		let body: unknown;
		if (raw.length) {
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				body = raw.toString('utf8');
			}
		}
		if (path.startsWith(`${ADMIN_PREFIX}/`)) return admin(req.method ?? 'GET', path.slice(ADMIN_PREFIX.length), body, res);
		const auth = req.headers.authorization;
		const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
		const entry: RequestLogEntry = { method: req.method ?? 'GET', path, query, token, body: scrubLogin(path, body), status: 0 };
		requestLog.push(entry);
		const reply = (status: number, payload: unknown) => {
			entry.status = status;
			const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
			res.writeHead(status, { 'Content-Type': typeof payload === 'string' ? 'text/plain; charset=utf-8' : 'application/json' });
			res.end(text);
		};

		const limited = [...limits.keys()].find((endpoint) => path.endsWith(endpoint));
		if (limited) {
			const left = (limits.get(limited) ?? 0) - 1;
			if (left <= 0) limits.delete(limited);
			else limits.set(limited, left);
			return reply(429, 'Request Limit Exceeded');
		}

		if (req.method === 'POST' && path === '/apiv2/v2/login') {
			const login = (body ?? {}) as Record<string, unknown>;
			const ok = fixtures.users.some((u) => u.clientId === String(login.clientId ?? '') && u.userName === login.userName && u.password === login.password);
			if (!ok) return reply(500, 'Invalid username/password');
			const issued = issueToken();
			return reply(200, { token: issued, refreshtoken: `refresh_${issued.slice(3, 15)}` });
		}
		if (req.method === 'GET' && path === '/apiv2/authenticate') {
			const ok = fixtures.users.some((u) => u.clientId === query.clientid && u.userName === query.username && u.password === query.password);
			return ok ? reply(200, issueToken()) : reply(500, 'Invalid username/password');
		}

		const expiresAt = token ? tokens.get(token) : undefined;
		if (expiresAt === undefined) return reply(401, 'Unauthorized: missing or unknown token');
		if (Date.now() >= expiresAt) return reply(401, 'Unauthorized: token expired');

		if (req.method === 'POST' && path === '/apiv2/jobdiva/searchStart') {
			const criteria = (body ?? {}) as Record<string, unknown>;
			const candidateId = criteria.candidateid ?? criteria.candidateId;
			const jobId = criteria.jobId ?? criteria.jobid;
			return reply(
				200,
				fixtures.starts.filter(
					(s) => (candidateId === undefined || String(s['candidate id']) === String(candidateId)) && (jobId === undefined || String(s['job id']) === String(jobId)),
				),
			);
		}

		const bi = /^\/apiv2\/bi\/(\w+)$/.exec(path);
		if (req.method !== 'GET' || !bi) return reply(404, `No such method: ${req.method} ${path}`);
		const feed = bi[1];
		const ok = (rows: Row[]) => reply(200, { message: 'Success', data: rows });
		const need = (...names: string[]) => names.find((n) => !query[n]);

		if (RANGE_FEEDS[feed]) {
			const missing = need('fromDate', 'toDate');
			if (missing) return reply(400, `Required Date parameter '${missing}' is not present`);
			const from = DateTime.fromFormat(query.fromDate, 'MM/dd/yyyy HH:mm:ss', { zone });
			const to = DateTime.fromFormat(query.toDate, 'MM/dd/yyyy HH:mm:ss', { zone });
			if (!from.isValid || !to.isValid) return reply(400, 'Invalid date format, expected MM/dd/yyyy HH:mm:ss');
			if (to < from) return reply(400, 'toDate is before fromDate');
			if (to.toMillis() - from.toMillis() > MAX_RANGE_MS) return reply(400, 'Date range cannot exceed 14 days');
			// Both ends inclusive, as JobDiva's feeds are: a change stamped on a boundary is in both touching windows.
			const rows = RANGE_FEEDS[feed](fixtures)
				.filter((s) => {
					const at = Date.parse(s.at);
					return at >= from.toMillis() && at <= to.toMillis();
				})
				.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
				.map((s) => ({ ...s.row }));
			return ok(rows);
		}

		switch (feed) {
			case 'CandidateDetail': {
				if (need('candidateId')) return reply(400, "Required Long parameter 'candidateId' is not present");
				return ok(fixtures.candidates.filter((c) => c.ID === query.candidateId));
			}
			case 'JobDetail': {
				if (need('jobId')) return reply(400, "Required Long parameter 'jobId' is not present");
				return ok(fixtures.jobs.filter((j) => j.ID === query.jobId));
			}
			case 'InvoiceDetail': {
				if (need('invoiceId')) return reply(400, "Required Long parameter 'invoiceId' is not present");
				return ok(fixtures.invoices.filter((i) => i.INVOICEID === query.invoiceId));
			}
			case 'BillingRecordDetail':
			case 'SalaryRecordDetail': {
				const missing = need('employeeId', 'recordId');
				if (missing) return reply(400, `Required Long parameter '${missing}' is not present`);
				const rows = feed === 'BillingRecordDetail' ? fixtures.billing : fixtures.salary;
				return ok(rows.filter((r) => r.EMPLOYEEID === query.employeeId && r.RECID === query.recordId));
			}
			case 'CandidateAttachmentDetail': {
				const missing = need('candidateId', 'fileName');
				if (missing) return reply(400, `Required parameter '${missing}' is not present`);
				return ok(
					fixtures.attachments
						.filter((a) => a.CANDIDATEID === query.candidateId && a.FILENAME === query.fileName)
						.map((a) => ({ FILENAME: a.FILENAME, FILECONTENT: a.FILECONTENT })),
				);
			}
			default:
				return reply(404, `No such BI method: ${feed}`);
		}
	};

	/** Change/end/delete a placement; with `webhook: {url, secret}` in the body also sends what JobDiva's webhook would. */
	const admin = async (method: string, path: string, body: unknown, res: ServerResponse) => {
		const send = (status: number, payload: unknown) => {
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(payload));
		};
		const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
		const { webhook, ...fields } = input;
		if (path === '/attachments') {
			try {
				if (method === 'GET') return send(200, listAttachments(fixtures));
				if (method !== 'POST') throw new PlacementError(404, `No admin endpoint ${method} ${ADMIN_PREFIX}${path}`);
				const { notify, ...attachment } = input;
				const added = addAttachment(fixtures, attachment as AttachmentInput);
				const target = notify as { url?: unknown } | undefined;
				if (!target || typeof target.url !== 'string') return send(200, added);
				// What the firm's intake would send a workflow: which file was attached to which candidate.
				const sentBody = JSON.stringify({ candidateId: added.candidateId, fileName: added.fileName });
				const delivered = await fetch(target.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: sentBody }).then(
					async (answer) => ({ status: answer.status, body: await answer.text(), sentBody }),
					(error: Error) => ({ status: 0, body: `Not delivered: ${error.message}`, sentBody }),
				);
				return send(200, { ...added, notify: delivered });
			} catch (error) {
				if (error instanceof PlacementError) return send(error.status, { error: error.message });
				throw error;
			}
		}
		const timesheet = /^\/timesheets\/([^/]+)$/.exec(path);
		if (timesheet) {
			try {
				if (method === 'GET') return send(200, timesheetView(fixtures, timesheet[1]));
				if (method === 'POST') return send(200, putTimesheet(fixtures, timesheet[1], fields as TimesheetChange));
				throw new PlacementError(404, `No admin endpoint ${method} ${ADMIN_PREFIX}${path}`);
			} catch (error) {
				if (error instanceof PlacementError) return send(error.status, { error: error.message });
				throw error;
			}
		}
		const match = /^\/placements\/([^/]+)(\/change|\/end)?$/.exec(path);
		try {
			if (!match) throw new PlacementError(404, `No admin endpoint ${method} ${ADMIN_PREFIX}${path}`);
			const [, id, action] = match;
			let view: PlacementView;
			let operation: 'Update' | 'Delete' = 'Update';
			if (method === 'GET' && !action) return send(200, placementView(fixtures, id));
			if (method === 'POST' && action === '/change') view = changePlacement(fixtures, id, fields as PlacementChange);
			else if (method === 'POST' && action === '/end') view = endPlacement(fixtures, id, fields as PlacementChange);
			else if (method === 'DELETE' && !action) {
				view = deletePlacement(fixtures, id, fields.at as string | undefined);
				operation = 'Delete';
			} else throw new PlacementError(404, `No admin endpoint ${method} ${ADMIN_PREFIX}${path}`);
			const target = webhook as { url?: unknown; secret?: unknown } | undefined;
			let sent: { status: number; body: string; sentBody: string } | undefined;
			if (target && typeof target.url === 'string' && typeof target.secret === 'string') {
				const payload = placementWebhookBody(view, operation);
				sent = await sendSignedWebhook(target.url, payload, target.secret).then(
					(result) => ({ status: result.status, body: result.body, sentBody: result.sentBody }),
					(error: Error) => ({ status: 0, body: `Not delivered: ${error.message}`, sentBody: JSON.stringify(payload) }),
				);
			}
			return send(200, { ...(operation === 'Delete' ? { deleted: true } : {}), ...view, ...(sent ? { webhook: sent } : {}) });
		} catch (error) {
			if (error instanceof PlacementError) return send(error.status, { error: error.message });
			throw error;
		}
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			res.writeHead(500, { 'Content-Type': 'text/plain' });
			res.end(`Stand-in error: ${error instanceof Error ? error.message : String(error)}`);
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requestLog,
		fixtures,
		issuedTokens,
		stop: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
		setFixtures(partial) {
			Object.assign(fixtures, partial);
		},
		rateLimit(endpoint, count) {
			if (count > 0) limits.set(endpoint, count);
			else limits.delete(endpoint);
		},
		expireTokens() {
			for (const key of tokens.keys()) tokens.set(key, 0);
		},
		sendWebhook: sendSignedWebhook,
		placement: (id) => placementView(fixtures, id),
		changePlacement: (id, change) => changePlacement(fixtures, id, change),
		endPlacement: (id, end) => endPlacement(fixtures, id, end),
		deletePlacement: (id, at) => deletePlacement(fixtures, id, at),
		addAttachment: (input) => addAttachment(fixtures, input),
	};
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function scrubLogin(path: string, body: unknown): unknown {
	if (path !== '/apiv2/v2/login' || !body || typeof body !== 'object') return body;
	return { ...(body as Record<string, unknown>), password: '***' };
}
