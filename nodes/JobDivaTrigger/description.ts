import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_DEDUPE_WINDOW, JOBDIVA_WEBHOOK_OPERATIONS, JOBDIVA_WEBHOOK_TYPES } from '../../src/jobdiva/webhook';

const TYPE_NAMES: Record<(typeof JOBDIVA_WEBHOOK_TYPES)[number], string> = {
	job: 'Job',
	candidate: 'Candidate',
	company: 'Company',
	contact: 'Contact',
	billing: 'Billing (Placement Billing Record)',
	salary: 'Salary (Placement Salary Record)',
	timesheet: 'Timesheet',
	expense: 'Expense',
};

export const TRIGGER_PROPERTIES: INodeProperties[] = [
	{
		displayName:
			'In JobDiva (Admin → Webhooks, or ask JobDiva support), add this node\'s Production URL as a webhook and set the same shared secret in both places. JobDiva has no placement event: approved billing and salary records are the closest signal.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Shared Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The secret set on the webhook in JobDiva. Each delivery\'s X-Hub-Signature (HMAC-SHA1 of the body) is checked with it.',
	},
	{
		displayName: 'Types',
		name: 'types',
		type: 'multiOptions',
		default: [],
		options: JOBDIVA_WEBHOOK_TYPES.map((type) => ({ name: TYPE_NAMES[type], value: type })),
		description: 'Which record types start the workflow. None selected: all types.',
	},
	{
		displayName: 'Operations',
		name: 'operations',
		type: 'multiOptions',
		default: [],
		options: JOBDIVA_WEBHOOK_OPERATIONS.map((operation) => ({ name: operation, value: operation })),
		description: 'Which changes start the workflow. None selected: all operations.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Remembered Deliveries',
				name: 'dedupeWindowSize',
				type: 'number',
				typeOptions: { minValue: 10, maxValue: 100000 },
				default: DEFAULT_DEDUPE_WINDOW,
				description: 'How many recent deliveries are remembered to drop JobDiva\'s retries of the same change',
			},
			{
				displayName: 'Skip Signature Verification (Local Testing Only)',
				name: 'skipSignatureVerification',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept deliveries without a valid X-Hub-Signature. Only for trying the workflow locally with hand-made requests: with this on, anyone who knows the URL can start the workflow.',
			},
		],
	},
];
