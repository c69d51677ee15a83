/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, IConnections, INode } from 'n8n-workflow';
import { JobDivaApi } from '../../credentials/JobDivaApi.credentials';
import { JobDiva } from '../../nodes/JobDiva/JobDiva.node';
import { JobDivaPollingTrigger } from '../../nodes/JobDivaPollingTrigger/JobDivaPollingTrigger.node';
import { JobDivaToTen99 } from '../../nodes/JobDivaToTen99/JobDivaToTen99.node';
import { JobDivaTrigger } from '../../nodes/JobDivaTrigger/JobDivaTrigger.node';
import { Ten99PolicyCertificateLedger } from '../../nodes/Ten99PolicyCertificateLedger/Ten99PolicyCertificateLedger.node';
import { Ten99PolicyCoverageCheck } from '../../nodes/Ten99PolicyCoverageCheck/Ten99PolicyCoverageCheck.node';
import { Ten99PolicyInvoiceLedger } from '../../nodes/Ten99PolicyInvoiceLedger/Ten99PolicyInvoiceLedger.node';
import { Ten99PolicyLedger } from '../../nodes/Ten99PolicyLedger/Ten99PolicyLedger.node';
import { Ten99PolicyTrigger } from '../../nodes/Ten99PolicyTrigger/Ten99PolicyTrigger.node';
import { BASE_NODE_DOUBLES } from './baseNodeDoubles';
import { PACKAGE, registerCredentialType, registerNodeType } from './nodeTypes';
import { runWorkflow, type RunResult, type WorkflowJson } from './workflow';

export const TEMPLATES = join(__dirname, '../../templates');
export const PLACEMENT_TEMPLATE = 'jobdiva-placement-to-1099policy.json';
export const COMPLIANCE_TEMPLATE = '1099policy-compliance-sync.json';
export const COVERAGE_TEMPLATE = '1099policy-daily-coverage-check.json';
export const INVOICE_TEMPLATE = 'jobdiva-timesheets-to-1099policy-invoices.json';
export const COI_TEMPLATE = 'jobdiva-coi-to-1099policy-certificate-review.json';
/** The placement template's manual entry point (n8n's `execute` command starts there too). */
export const RUN_NOW = 'Run now (test or backfill)';

registerNodeType(`${PACKAGE}.jobDiva`, new JobDiva());
registerNodeType(`${PACKAGE}.jobDivaToTen99`, new JobDivaToTen99());
registerNodeType(`${PACKAGE}.jobDivaTrigger`, new JobDivaTrigger());
registerNodeType(`${PACKAGE}.jobDivaPollingTrigger`, new JobDivaPollingTrigger());
registerNodeType(`${PACKAGE}.ten99PolicyTrigger`, new Ten99PolicyTrigger());
registerNodeType(`${PACKAGE}.ten99PolicyLedger`, new Ten99PolicyLedger());
registerNodeType(`${PACKAGE}.ten99PolicyCoverageCheck`, new Ten99PolicyCoverageCheck());
registerNodeType(`${PACKAGE}.ten99PolicyInvoiceLedger`, new Ten99PolicyInvoiceLedger());
registerNodeType(`${PACKAGE}.ten99PolicyCertificateLedger`, new Ten99PolicyCertificateLedger());
for (const [type, node] of Object.entries(BASE_NODE_DOUBLES)) registerNodeType(type, node);
registerCredentialType(new JobDivaApi());

export interface TemplateJson extends WorkflowJson {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

/** A shipped template, exactly as it is in templates/. */
export function loadTemplate(file: string): TemplateJson {
	return JSON.parse(readFileSync(join(TEMPLATES, file), 'utf8')) as TemplateJson;
}

/**
 * Runs a shipped template in-process through n8n-core, from `startNode`, with our real nodes and test doubles for
 * the n8n-nodes-base nodes (see baseNodeDoubles.ts). `adjust` may change node parameters for a test (e.g. Requests in
 * Parallel or Max Retries) without touching the file.
 */
export async function runTemplate(
	file: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: { startNode?: string; adjust?: (template: TemplateJson) => void } = {},
): Promise<RunResult> {
	const template = loadTemplate(file);
	options.adjust?.(template);
	return runWorkflow(template, credentials, options.startNode ?? RUN_NOW);
}
