/**
 * The few n8n REST endpoints the e2e run needs, as the editor calls them (n8n 2.8 and 2.40 agree on all of them):
 *   POST /rest/owner/setup  {email, firstName, lastName, password}  → sets the `n8n-auth` cookie (no auth needed once)
 *   POST /rest/login        {emailOrLdapLoginId, password}          → sets the `n8n-auth` cookie
 *   GET  /types/nodes.json                                          → every node type n8n loaded (cookie, no browser-id)
 *   GET  /rest/workflows/:id, PATCH /rest/workflows/:id, POST /rest/workflows/:id/activate {versionId}
 *   POST /rest/workflows/:id/run {workflowData, triggerToStartFrom: {name}} → {executionId} (the editor's "Execute
 *        workflow" from one trigger; 2.8.4 runs the `workflowData` sent, 2.40.7 reads the workflow from its database)
 *   GET  /rest/executions?filter={"workflowId":…}&limit=…           → {count, results: [{id, status, mode, …}]}
 *   GET  /rest/executions/:id                                       → {id, status, finished, data (flatted run data)}
 *   GET  /rest/data-tables-global?filter={"name":…}                 → {count, data: [{id, name, projectId, columns}]}
 *   GET  /rest/projects/:projectId/data-tables/:id/rows?take=…      → {count, data: [row with id, createdAt, updatedAt]}
 *   POST /rest/credentials/test {credentials: {id, name, type, data}} → {status: "OK" | "Error", message}
 * Responses are wrapped in {data: …}. The auth cookie is a JWT bound to the hash of the `browser-id` header sent
 * when it was issued; every later request except the /types/*.json files must send the same header.
 */
export const AUTH_COOKIE = 'n8n-auth';
export const BROWSER_ID = 'n8n-nodes-ten99policy-e2e';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const OWNER: Owner = { email: 'e2e@example.com', password: 'E2e-password-1', firstName: 'E2E', lastName: 'Owner' };

export interface NodeTypeDescription {
	name: string;
	version: number | number[];
	displayName: string;
	credentials?: Array<{ name: string; required?: boolean }>;
	group?: string[];
	polling?: boolean;
	webhooks?: unknown[];
}

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string | null; name: string }>;
	disabled?: boolean;
}

export interface Workflow {
	id: string;
	name: string;
	versionId: string;
	active: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
}

/** A workflow as GET /rest/workflows/:id returns it, with the fields the editor sends back to run it. */
export interface FullWorkflow extends Workflow {
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	meta?: Record<string, unknown>;
}

export interface DataTable {
	id: string;
	name: string;
	projectId: string;
	columns: Array<{ name: string; type: string; index: number }>;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
}

export class N8nRest {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	/** The `n8n-auth` cookie value, for the browser. */
	get authCookie(): string {
		return this.cookie;
	}

	async setupOwner(owner: Owner = OWNER): Promise<void> {
		await this.request('POST', '/rest/owner/setup', owner);
	}

	async login(owner: Owner = OWNER): Promise<void> {
		await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	async nodeTypes(): Promise<NodeTypeDescription[]> {
		const response = await fetch(`${this.baseUrl}/types/nodes.json`, { headers: { cookie: `${AUTH_COOKIE}=${this.cookie}` } });
		if (!response.ok) throw new Error(`GET /types/nodes.json answered ${response.status}`);
		return (await response.json()) as NodeTypeDescription[];
	}

	async workflows(): Promise<Array<{ id: string; name: string }>> {
		return this.request('GET', '/rest/workflows');
	}

	async workflow(id: string): Promise<FullWorkflow> {
		return this.request('GET', `/rest/workflows/${id}`);
	}

	async updateWorkflow(id: string, changes: Partial<Workflow>): Promise<Workflow> {
		return this.request('PATCH', `/rest/workflows/${id}`, changes);
	}

	/** Activates (in n8n 2.x: publishes) the given version of a workflow. */
	async activateWorkflow(id: string, versionId: string): Promise<Workflow> {
		return this.request('POST', `/rest/workflows/${id}/activate`, { versionId });
	}

	async deactivateWorkflow(id: string): Promise<Workflow> {
		return this.request('POST', `/rest/workflows/${id}/deactivate`, {});
	}

	/** n8n's "Test" button of the credential modal: runs the credential type's test (or the node's testedBy method). */
	async testCredential(credential: { id: string; name: string; type: string; data: Record<string, string> }): Promise<{ status: string; message?: string }> {
		return this.request('POST', '/rest/credentials/test', { credentials: credential });
	}

	/**
	 * What the editor does on "Execute workflow" with one trigger chosen: a manual execution inside the server,
	 * started from that trigger. Answers at once with the execution's id (the run goes on in the background), or
	 * `waitingForWebhook` when the trigger must first receive a test webhook call.
	 */
	async runManually(workflow: FullWorkflow, trigger: string): Promise<{ executionId?: string; waitingForWebhook?: boolean }> {
		const { id, name, nodes, connections, settings, pinData, active, versionId, meta } = workflow;
		const workflowData = { id, name, nodes, connections, settings, pinData, active, versionId, meta };
		return this.request('POST', `/rest/workflows/${id}/run`, { workflowData, triggerToStartFrom: { name: trigger } });
	}

	/** Every data table the user can see, in every project (the Data tables overview). */
	async dataTables(): Promise<DataTable[]> {
		return (await this.request<{ data: DataTable[] }>('GET', '/rest/data-tables-global?take=250')).data;
	}

	async dataTableRows(table: Pick<DataTable, 'id' | 'projectId'>): Promise<Array<Record<string, unknown>>> {
		return (await this.request<{ data: Array<Record<string, unknown>> }>('GET', `/rest/projects/${table.projectId}/data-tables/${table.id}/rows?take=250`)).data;
	}

	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.request<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}&limit=100`);
		return page.results;
	}

	async execution(id: string): Promise<{ id: string; status: string; finished?: boolean; mode: string; data: string }> {
		return this.request('GET', `/rest/executions/${id}`);
	}

	private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const headers: Record<string, string> = { 'browser-id': BROWSER_ID };
		if (this.cookie) headers.cookie = `${AUTH_COOKIE}=${this.cookie}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const issued = response.headers.getSetCookie().find((c) => c.startsWith(`${AUTH_COOKIE}=`));
		if (issued) this.cookie = issued.slice(AUTH_COOKIE.length + 1).split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
		return (JSON.parse(text) as { data: T }).data;
	}
}
