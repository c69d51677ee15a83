/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { CredentialFile } from '../lib/credentials';
import type { N8nRest } from '../lib/n8nRest';
import type { VersionRun } from '../runVersion';

/**
 * Runs each imported credential's connection test inside n8n (as the credential modal's "Test" button does),
 * against the sandbox and stand-in: it must answer OK. The 1099Policy credential is also tested with a key the
 * sandbox refuses (keys containing "invalid"), which must answer Error, so the test is known to be able to fail.
 */
export async function checkCredentialTests(run: VersionRun, rest: N8nRest, credentials: CredentialFile[]): Promise<void> {
	for (const credential of credentials) {
		const result = await rest.testCredential(credential);
		run.report.equal(`credential test of ${credential.type} against the local service answers OK`, result.status, 'OK');
		if (result.status !== 'OK') console.log(`    ${credential.type}: ${result.message}`);
	}
	const ten99 = credentials.find((c) => c.type === 'ten99PolicyApi');
	if (ten99) {
		const refused = await rest.testCredential({ ...ten99, data: { ...ten99.data, apiKey: 't9k_test_invalid_key' } });
		run.report.equal('credential test of ten99PolicyApi with a refused key answers Error', refused.status, 'Error');
		console.log(`    refused key: ${refused.message}`);
	}
}
