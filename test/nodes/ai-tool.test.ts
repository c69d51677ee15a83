/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeType } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobDivaApi } from '../../credentials/JobDivaApi.credentials';
import { JobDiva } from '../../nodes/JobDiva/JobDiva.node';
import { JobDivaToTen99 } from '../../nodes/JobDivaToTen99/JobDivaToTen99.node';
import { startJobDivaStandin, STANDIN_USER, type JobDivaStandin } from '../jobdiva-standin';
import { PACKAGE, registerCredentialType, registerNodeType } from '../helpers/nodeTypes';
import { chain, runWorkflow } from '../helpers/workflow';

/**
 * Our nodes used as an AI agent's tools. For a node with `usableAsTool` n8n registers a second type, named
 * "<name>Tool" (n8n's convertNodeToAiTool; its "@tool" display option tests that name), and hands the agent the
 * node's output 0 only. The tool form is built here the same way, then run through n8n-core.
 */
function asTool(node: INodeType): INodeType {
	const tool = Object.create(node) as INodeType;
	tool.description = { ...node.description, name: `${node.description.name}Tool`, displayName: `${node.description.displayName} Tool` };
	return tool;
}
registerNodeType(`${PACKAGE}.jobDivaToTen99Tool`, asTool(new JobDivaToTen99()));
registerNodeType(`${PACKAGE}.jobDivaTool`, asTool(new JobDiva()));
registerNodeType(`${PACKAGE}.jobDiva`, new JobDiva());
registerCredentialType(new JobDivaApi());

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../fixtures/mapping', `${name}.json`), 'utf8')) as Record<string, unknown>;

describe('the mapping node as a tool', () => {
	it('hands the agent Skipped items in output 0, marked skipped with the reason, in input order', async () => {
		const contractor = { ...fixture('searchStart'), contractorRef: 'cn_1', jobRef: 'jb_1' };
		const w2 = { ...fixture('searchStart'), id: 50001, 'crop to crop': null, contractorRef: 'cn_x', jobRef: 'jb_x' };
		const node = {
			name: 'Map',
			type: `${PACKAGE}.jobDivaToTen99Tool`,
			typeVersion: 1,
			parameters: {
				operation: 'mapPlacement',
				contractorId: '={{ $json.contractorRef }}',
				jobId: '={{ $json.jobRef }}',
				successUrlTemplate: 'https://dash.example.com/placements/{placementId}?coverage=active',
				cancelUrlTemplate: 'https://dash.example.com/placements/{placementId}?coverage=canceled',
				defaultCategoryCode: 'GENERAL_SERVICES',
				defaultEntity: 'en_default',
			},
		};
		const result = await runWorkflow(chain([w2, contractor], node));
		expect(result.error).toBeUndefined();
		const out = result.output('Map', 0);
		expect(out.map((i) => [i.pairedItem, i.json.skipped ?? false])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, false],
		]);
		expect(out[0].json).toMatchObject({ skipped: true, field: 'position type', value: 'contract', reason: expect.any(String) });
		expect(String(out[0].json.reason).length).toBeGreaterThan(10);
	});
});

describe('JobDiva → Download Attachment as a tool', () => {
	let standin: JobDivaStandin;
	beforeAll(async () => {
		standin = await startJobDivaStandin();
	});
	afterAll(() => standin.stop());

	const download = (type: string, extra: Record<string, unknown> = {}) => ({
		name: 'JobDiva',
		type: `${PACKAGE}.${type}`,
		typeVersion: 1,
		parameters: { resource: 'candidate', operation: 'downloadAttachment', candidateId: '12345', fileName: 'Jordan_Lee_COI_2026.pdf', ...extra },
		credentials: { jobDivaApi: { id: '1', name: 'JobDiva' } },
	});
	const creds = () => ({ jobDivaApi: { ...STANDIN_USER, baseUrl: standin.url } });

	it('leaves the base64 FILECONTENT out of the answer by default; the file is still attached as binary', async () => {
		const result = await runWorkflow(chain([{}], download('jobDivaTool')), creds());
		expect(result.error).toBeUndefined();
		const [item] = result.output('JobDiva');
		expect(Object.keys(item.json)).toEqual(['CANDIDATEID', 'FILENAME']);
		expect(item.binary?.data?.fileName).toBe('Jordan_Lee_COI_2026.pdf');
	});

	it('includes it when the tool is set to keep it; the regular node still keeps it by default', async () => {
		const asked = await runWorkflow(chain([{}], download('jobDivaTool', { keepFileContent: true })), creds());
		expect(typeof asked.output('JobDiva')[0].json.FILECONTENT).toBe('string');
		const regular = await runWorkflow(chain([{}], download('jobDiva')), creds());
		expect(typeof regular.output('JobDiva')[0].json.FILECONTENT).toBe('string');
	});
});
