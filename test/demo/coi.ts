import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { COI_TEMPLATE, runTemplate } from '../helpers/template';
import type { RunResult } from '../helpers/workflow';

/**
 * The COI template (templates/jobdiva-coi-to-1099policy-certificate-review.json) driven in-process, shared by the
 * in-process test and `npm run demo -- coi`: an intake is what the webhook *Certificate added in JobDiva* emits for
 * a POST of `{candidateId, fileName}` (n8n's Webhook node: `{headers, params, query, body}`); the hourly review starts
 * at *Check reviews now*, as the schedule's run does.
 */
export const COI_WEBHOOK = 'Certificate added in JobDiva';
export const COI_REVIEW_NOW = 'Check reviews now';
export const COI_STATE_NODES = {
	valid: 'Valid',
	expiring: 'Expiring within 30 days',
	flagged: 'Flagged for manual review',
	rejected: 'Rejected',
	expired: 'Expired',
} as const;

type Credentials = Record<string, ICredentialDataDecryptedObject>;

export async function coiIntake(credentials: Credentials, body: { candidateId: string; fileName: string }): Promise<RunResult> {
	return runTemplate(COI_TEMPLATE, credentials, {
		startNode: COI_WEBHOOK,
		adjust: (template) => {
			const webhook = template.nodes.find((n) => n.name === COI_WEBHOOK)!;
			Object.assign(webhook, { type: 'test.items', typeVersion: 1, parameters: { items: JSON.stringify([{ headers: {}, params: {}, query: {}, body }]) } });
		},
	});
}

export async function coiReview(credentials: Credentials): Promise<RunResult> {
	return runTemplate(COI_TEMPLATE, credentials, { startNode: COI_REVIEW_NOW });
}

/** Attaches a file to a JobDiva candidate on the stand-in (`POST /__standin/attachments`). */
export async function attach(jobdivaUrl: string, body: Record<string, unknown>): Promise<void> {
	const response = await fetch(`${jobdivaUrl}/__standin/attachments`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	if (!response.ok) throw new Error(`stand-in refused the attachment: ${response.status} ${await response.text()}`);
}
