import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * 1099Policy secret key and environment. Requests are authenticated by n8n (Bearer key plus the
 * `Ten99Policy-Environment` header); the key never passes through node code. The connection test is the
 * Ten99Policy node's `ten99PolicyApiTest`, which calls `GET /api/v1/contractors?limit=1` and shows
 * 1099Policy's own message when the key is refused.
 */
export class Ten99PolicyApi implements ICredentialType {
	name = 'ten99PolicyApi';

	displayName = '1099Policy API';

	icon = { light: 'file:icons/ten99policy.svg', dark: 'file:icons/ten99policy.dark.svg' } as const;

	documentationUrl = 'https://docs.1099policy.com/group/endpoint-contractor';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 't9k_test_...',
			description:
				'Your secret key from the API Keys page of the 1099Policy dashboard. Test keys work with the sandbox environment, live keys with production.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Sandbox', value: 'sandbox', description: 'Simulated contractors and test policies' },
				{ name: 'Production', value: 'production', description: 'Real coverage with partner carriers' },
			],
			default: 'sandbox',
			description: 'Sent as the Ten99Policy-Environment header on every request',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.1099policy.com',
			description:
				'Leave as is for 1099Policy. To try the nodes without an account, point it at the local sandbox (npm run sandbox), e.g. http://localhost:4599. Plain http is accepted only for localhost and 127.0.0.1.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
				'Ten99Policy-Environment': '={{$credentials.environment}}',
			},
		},
	};
}
