/* eslint-disable no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { e2eCredentials } from '../lib/credentials';
import { runFromTrigger } from '../lib/manualRun';
import type { N8nRest, WorkflowNode } from '../lib/n8nRest';
import type { VersionRun } from '../runVersion';

const START = 'Start';

function node(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, extra: Partial<WorkflowNode> = {}): WorkflowNode {
	return { id: `e2e-${name.toLowerCase().replace(/\W+/g, '-')}`, name, type, typeVersion, parameters, position: [0, 0], ...extra };
}

function chain(...pairs: Array<[from: string, to: string, output?: number]>): Record<string, unknown> {
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }> = {};
	for (const [from, to, output = 0] of pairs) {
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

/**
 * n8n's HTTP Request node with our credentials as predefined credential types ("Authentication: Predefined Credential
 * Type"), which is how users call endpoints the nodes do not cover: a workflow saved through the REST API (as the
 * editor saves one), run from its Manual Trigger. 1099Policy's key and environment header, and JobDiva's login token
 * (the credential's preAuthentication), must be applied by n8n; a third request without a credential shows the
 * sandbox refuses those.
 */
export async function checkHttpRequestCredentials(run: VersionRun, rest: N8nRest): Promise<void> {
	const { report } = run;
	const { sandbox, jobDiva } = run.services;
	const [ten99, jobDivaCredential] = e2eCredentials(sandbox.url, jobDiva.url);
	const http = (name: string, url: string, credential?: typeof ten99) =>
		node(
			name,
			'n8n-nodes-base.httpRequest',
			4.2,
			credential ? { method: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: credential.type, options: {} } : { method: 'GET', url, options: {} },
			credential ? { credentials: { [credential.type]: { id: credential.id, name: credential.name } } } : { onError: 'continueRegularOutput' },
		);
	const nodes = [
		node(START, 'n8n-nodes-base.manualTrigger', 1, {}),
		http('1099Policy via HTTP Request', `${sandbox.url}/api/v1/contractors?limit=1`, ten99),
		http('JobDiva via HTTP Request', `${jobDiva.url}/apiv2/bi/CandidateDetail?candidateId=12345`, jobDivaCredential),
		http('1099Policy without a credential', `${sandbox.url}/api/v1/contractors?limit=1`),
	];
	const workflow = await rest.createWorkflow({
		name: 'e2e: HTTP Request with the package credentials',
		nodes,
		connections: chain([START, nodes[1].name], [nodes[1].name, nodes[2].name], [nodes[2].name, nodes[3].name]),
	});
	const sandboxFrom = sandbox.requestLog.length;
	const jobDivaFrom = jobDiva.requestLog.length;
	const execution = await runFromTrigger(run, rest, workflow.id, START, 'HTTP Request with predefined credentials', 'http-request-credentials');
	if (!execution) return;

	const contractors = sandbox.requestLog.slice(sandboxFrom).filter((r) => r.path === '/api/v1/contractors');
	report.equal(
		'HTTP Request + 1099Policy API credential: the sandbox answered 200 with the environment header; without the credential 401',
		contractors.map((r) => `${r.status} ${r.env ?? 'no environment'}`),
		['200 sandbox', '401 no environment'],
	);
	// 1099Policy lists are bare arrays; n8n's HTTP Request node makes one item per element: one contractor (limit=1).
	const listed = execution.items('1099Policy via HTTP Request');
	report.check('HTTP Request + 1099Policy API credential: the output is one contractor (cn_…)', listed.length === 1 && /^cn_/.test(String(listed[0].id)), listed);
	const refused = execution.items('1099Policy without a credential')[0];
	report.check('HTTP Request without a credential: the refusal is its output (continue on error)', refused?.error !== undefined, refused);

	const reads = jobDiva.requestLog.slice(jobDivaFrom).filter((r) => r.path === '/apiv2/bi/CandidateDetail');
	report.equal('HTTP Request + JobDiva API credential: the stand-in answered 200 to a Bearer token it issued', reads.map((r) => `${r.status} ${r.token !== undefined && jobDiva.issuedTokens.includes(r.token)}`), ['200 true']);
	const candidate = execution.items('JobDiva via HTTP Request')[0] as { data?: Array<Record<string, string>> } | undefined;
	report.equal('HTTP Request + JobDiva API credential: the output is candidate 12345, Jordan Lee', pickName(candidate?.data?.[0]), { ID: '12345', FIRSTNAME: 'Jordan', LASTNAME: 'Lee' });
}

/**
 * The JobDiva node under Settings → On Error → "Continue (using error output)": three candidate IDs, of which the first
 * is answered 429 by the stand-in (Max Retries 0) and the third is no JobDiva ID. n8n must route those two to the
 * error output (the node's second output) and the good one to the first; each branch ends in its own No Op node.
 */
export async function checkJobDivaErrorOutput(run: VersionRun, rest: N8nRest): Promise<void> {
	const { report } = run;
	const { jobDiva } = run.services;
	const [, jobDivaCredential] = e2eCredentials(run.services.sandbox.url, jobDiva.url);
	const JOBDIVA = 'JobDiva: candidate';
	const nodes = [
		node(START, 'n8n-nodes-base.manualTrigger', 1, {}),
		node('Candidate IDs', 'n8n-nodes-base.set', 3.4, {
			assignments: { assignments: [{ id: 'ids', name: 'ids', type: 'array', value: "={{ ['12345', '12346', 'J-12'] }}" }] },
			options: {},
		}),
		node('One item per ID', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'ids', options: {} }),
		node(
			JOBDIVA,
			'n8n-nodes-ten99policy.jobDiva',
			1,
			{ resource: 'candidate', operation: 'get', candidateId: '={{ $json.ids }}', options: { maxRetries: 0 } },
			{ onError: 'continueErrorOutput', credentials: { jobDivaApi: { id: jobDivaCredential.id, name: jobDivaCredential.name } } },
		),
		node('Found', 'n8n-nodes-base.noOp', 1, {}),
		node('Failed', 'n8n-nodes-base.noOp', 1, {}),
	];
	const workflow = await rest.createWorkflow({
		name: 'e2e: JobDiva node with an error output',
		nodes,
		connections: chain([START, 'Candidate IDs'], ['Candidate IDs', 'One item per ID'], ['One item per ID', JOBDIVA], [JOBDIVA, 'Found', 0], [JOBDIVA, 'Failed', 1]),
	});
	// The stand-in answers the next CandidateDetail call 429 "Request Limit Exceeded": the first item's.
	jobDiva.rateLimit('CandidateDetail', 1);
	const execution = await runFromTrigger(run, rest, workflow.id, START, 'JobDiva node under "Continue (using error output)"', 'jobdiva-error-output');
	jobDiva.rateLimit('CandidateDetail', 0);
	if (!execution) return;
	report.equal('JobDiva error output: output 0 (success) holds candidate 12346 only', execution.output(JOBDIVA, 0).map((j) => j.ID), ['12346']);
	const errors = execution.output(JOBDIVA, 1).map((j) => String(j.error));
	console.log(`    error output: ${JSON.stringify(errors)}`);
	report.equal('JobDiva error output: output 1 (error) holds the two failed items', errors.length, 2);
	report.check('JobDiva error output: the 429 is there with JobDiva\'s text', /^\[item 0\].*Request Limit Exceeded/.test(errors[0] ?? ''), errors[0]);
	report.check('JobDiva error output: the bad ID is there with its fix', /^\[item 2\] Candidate ID is not a JobDiva ID\. Fix: /.test(errors[1] ?? ''), errors[1]);
	report.equal('JobDiva error output: "Found" ran on 1 item, "Failed" on 2', [execution.items('Found').length, execution.items('Failed').length], [1, 2]);
}

function pickName(row: Record<string, string> | undefined): Record<string, string | undefined> {
	return { ID: row?.ID, FIRSTNAME: row?.FIRSTNAME, LASTNAME: row?.LASTNAME };
}
