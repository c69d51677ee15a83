/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { join } from 'node:path';
import type { N8nInstall } from './n8nInstall';
import { sleep } from './wait';

/** The role test/e2e/queue-services.sh creates (LOGIN CREATEDB). */
export const PG = { host: '127.0.0.1', port: 5432, user: 'n8n_e2e', password: 'n8n_e2e' };

interface PgClient {
	connect(): Promise<void>;
	query<R = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<{ rows: R[] }>;
	end(): Promise<void>;
}

export interface ExecutionRow {
	id: string;
	status: string;
	mode: string;
	/** The `id` of the first item the trigger emitted (the 1099Policy event ID). */
	eventId: string;
	nodesRun: string[];
}

/**
 * A fresh Postgres database for one queue-mode run, and the reads the harness makes straight from n8n's own tables
 * (`execution_entity`, `execution_data`): counting and reading a thousand executions through the REST API would
 * take longer than running them. The `pg` and `flatted` modules are the n8n install's own.
 */
export class QueueDatabase {
	private constructor(
		readonly name: string,
		private readonly client: PgClient,
		private readonly install: N8nInstall,
	) {}

	static async create(install: N8nInstall, name: string): Promise<QueueDatabase> {
		const { Client } = require(join(install.dir, 'node_modules/pg')) as { Client: new (config: object) => PgClient };
		const admin = new Client({ ...PG, database: 'postgres' });
		await admin.connect();
		await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
		await admin.query(`CREATE DATABASE "${name}"`);
		await admin.end();
		const client = new Client({ ...PG, database: name });
		await client.connect();
		return new QueueDatabase(name, client, install);
	}

	/** Drops the database (the n8n processes must have stopped). */
	async drop(): Promise<void> {
		await this.client.end();
		const { Client } = require(join(this.install.dir, 'node_modules/pg')) as { Client: new (config: object) => PgClient };
		const admin = new Client({ ...PG, database: 'postgres' });
		await admin.connect();
		await admin.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
		await admin.end();
	}

	async executionCount(workflowId: string): Promise<number> {
		const { rows } = await this.client.query<{ n: string }>('SELECT count(*) AS n FROM execution_entity WHERE "workflowId" = $1', [workflowId]);
		return Number(rows[0].n);
	}

	/** Waits until no execution of the workflow is new or running and the count stayed the same for 3 s; returns the count. */
	async settledExecutions(workflowId: string, timeoutMs: number): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		let last = -1;
		for (;;) {
			const { rows } = await this.client.query<{ n: string; open: string }>(
				`SELECT count(*) AS n, count(*) FILTER (WHERE status IN ('new', 'running', 'waiting')) AS open FROM execution_entity WHERE "workflowId" = $1`,
				[workflowId],
			);
			const n = Number(rows[0].n);
			if (Number(rows[0].open) === 0 && n === last) return n;
			if (Date.now() > deadline) throw new Error(`executions of ${workflowId} did not settle in ${timeoutMs} ms (${n} so far, ${rows[0].open} open)`);
			last = Number(rows[0].open) === 0 ? n : -1;
			await sleep(3000);
		}
	}

	/** Every execution of the workflow: status, mode, the event its trigger emitted and the nodes that ran. */
	async executionOutlines(workflowId: string, install: N8nInstall, triggerName: string): Promise<ExecutionRow[]> {
		const flatted = require(join(install.dir, 'node_modules/flatted')) as { parse(text: string): unknown };
		const { rows } = await this.client.query<{ id: number; status: string; mode: string; data: string }>(
			'SELECT e.id, e.status, e.mode, d.data FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = $1 ORDER BY e.id',
			[workflowId],
		);
		return rows.map((row) => {
			const data = flatted.parse(row.data) as { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: { id?: unknown } }> | null> } }>> } };
			const runData = data.resultData.runData;
			return {
				id: String(row.id),
				status: row.status,
				mode: row.mode,
				eventId: String(runData[triggerName]?.[0]?.data?.main?.[0]?.[0]?.json?.id ?? ''),
				nodesRun: Object.keys(runData),
			};
		});
	}
}
