/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { writeFileSync } from 'node:fs';
import { STANDIN_USER } from '../../jobdiva-standin';

/** A credential as `n8n import:credentials` reads it: `data` as a plain object is encrypted on import. */
export interface CredentialFile {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

/**
 * The credentials the run imports, named as n8n names a new credential ("<credential display name> account") and as
 * the templates reference them (`{"id": "", "name": "1099Policy API account"}`): n8n binds such a reference by name
 * on import (replaceInvalidCredentials in workflow-helpers.js). Nodes left unbound are bound through the REST API.
 */
export function e2eCredentials(sandboxUrl: string, jobDivaUrl: string): CredentialFile[] {
	return [
		{
			id: 'e2eTen99PolicyApi',
			name: '1099Policy API account',
			type: 'ten99PolicyApi',
			data: { apiKey: 't9k_test_e2e', environment: 'sandbox', baseUrl: sandboxUrl },
		},
		{
			id: 'e2eJobDivaApi',
			name: 'JobDiva API account',
			type: 'jobDivaApi',
			// The stand-in's one API user (test/jobdiva-standin/fixtures.ts).
			data: { clientId: STANDIN_USER.clientId, userName: STANDIN_USER.userName, password: STANDIN_USER.password, baseUrl: jobDivaUrl },
		},
	];
}

export function writeCredentialsFile(path: string, credentials: CredentialFile[]): void {
	writeFileSync(path, JSON.stringify(credentials, null, 2));
}
