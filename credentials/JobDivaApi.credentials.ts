import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IAuthenticateGeneric,
	INodeProperties,
} from 'n8n-workflow';
import { Redactor } from '../src/util/redact';

/**
 * JobDiva V2 API login. n8n's pre-authentication flow holds the session token: `sessionToken` is a hidden expirable
 * field, filled by `preAuthentication` (POST /apiv2/v2/login) when it is empty, when n8n tests the credential, and
 * again after any request answered 401 (n8n then retries that request once). The token is reused across executions
 * until JobDiva refuses it (tokens live 24 h). Passwords and tokens never pass through node code.
 */
export class JobDivaApi implements ICredentialType {
	name = 'jobDivaApi';

	displayName = 'JobDiva API';

	icon = { light: 'file:icons/jobDiva.svg', dark: 'file:icons/jobDiva.dark.svg' } as const;

	documentationUrl = 'https://www.jobdiva.com/api';

	properties: INodeProperties[] = [
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '1234',
			description: 'Your JobDiva client (company) ID, shown in JobDiva under Admin → API or given by JobDiva support',
		},
		{
			displayName: 'Username',
			name: 'userName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'api.user@yourcompany.com',
			description: 'The JobDiva user the API calls run as; it needs API access and the BI data permissions',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.jobdiva.com',
			description:
				'Leave as is for JobDiva. To try the nodes without a JobDiva account, point it at the local JobDiva stand-in used by the tests, e.g. http://127.0.0.1:4600.',
		},
	];

	/**
	 * Logs in and returns the new token. JobDiva answers bad credentials with HTTP 500 and the text "Invalid
	 * username/password"; that becomes an error quoting JobDiva, which n8n shows as the credential test result.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const baseUrl = String(credentials.baseUrl || 'https://api.jobdiva.com').replace(/\/+$/, '');
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}/apiv2/v2/login`,
			body: { clientId: String(credentials.clientId ?? ''), userName: credentials.userName, password: credentials.password },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: unknown };
		const text = loginText(response.body, String(credentials.password ?? ''));
		if (response.statusCode === 500 || response.statusCode === 401 || response.statusCode === 403) {
			if (/invalid|password|user\s*name|username|client/i.test(text)) {
				throw new Error(`JobDiva rejected the client ID, username or password: ${text}`);
			}
		}
		if (response.statusCode < 200 || response.statusCode >= 300) {
			throw new Error(`JobDiva's login answered HTTP ${response.statusCode}: ${text || 'no message'}. Check the Base URL and try again.`);
		}
		const body = response.body;
		const token = typeof body === 'string' ? body.trim().replace(/^"|"$/g, '') : (body as IDataObject | undefined)?.token;
		if (typeof token !== 'string' || token.length < 8 || /\s/.test(token)) {
			throw new Error('JobDiva\'s login answered without a token. Check the Base URL: it must be the JobDiva API host (https://api.jobdiva.com).');
		}
		return { sessionToken: token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' },
		},
	};

	/** After logging in, a cheap authenticated BI read: proves the token is accepted, not just issued. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/apiv2/bi/CandidateDetail',
			method: 'GET',
			qs: { candidateId: '0' },
		},
	};
}

/** JobDiva's text from a login answer, shortened, with the password scrubbed in case it is echoed. */
function loginText(body: unknown, password: string): string {
	const redactor = new Redactor([password]);
	let text = typeof body === 'string' ? body : body && typeof body === 'object' ? String((body as IDataObject).message ?? JSON.stringify(body)) : '';
	text = redactor.text(text).trim();
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
