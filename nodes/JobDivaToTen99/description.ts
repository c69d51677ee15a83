import type { INodeProperties } from 'n8n-workflow';
import { COVERAGE_TYPES } from '../../src/ten99policy/fields';
import { RATE_PERIODS } from '../../src/mapping/rates';

/** The node's parameters. Every mapping rule the guide leaves to the integrator is a parameter here ("rules are data"). */

const coverageOptions = COVERAGE_TYPES.map((type) => ({ name: type, value: type }));

const PERIOD_NAMES: Record<(typeof RATE_PERIODS)[number], string> = {
	hour: 'Hour (Hourly Wage)',
	day: 'Day (Flat Fee per Day)',
	week: 'Week (Flat Fee per Week)',
	biweek: 'Two Weeks (Flat Fee per Two Weeks)',
	semimonth: 'Half Month (Flat Fee per Half Month)',
	month: 'Month (Flat Fee per Month)',
	year: 'Year (Flat Fee per Year)',
	flat: 'Flat Fee',
};

const placementOps = ['mapPlacement'];

/** What each operation puts on the Mapped output (src/mapping/README.md has the full shapes). */
const OUTPUT_NOTICES: Array<[string, string]> = [
	[
		'mapPlacement',
		'Mapped item: quote, assignment and session as {body, idempotencyKey} (quote/assignment also timeZone), plus contractor and job when the item carries candidate/job details (job also conversion), recognised, gate, jobdiva IDs and notes',
	],
	['mapCandidate', 'Mapped item: contractor {body, idempotencyKey, proxyEmail}, recognised, jobdiva IDs and notes'],
	['mapJob', 'Mapped item: job {body, idempotencyKey, conversion}, recognised, jobdiva IDs and notes'],
	['mapTimesheetOrInvoice', 'Mapped item: invoice {body, idempotencyKey, timeZone, source}, recognised, jobdiva IDs and notes'],
	[
		'mapAttachment',
		'Mapped item: certificate {fields, idempotencyKey, fileName, binaryProperty} with the PDF in binary property "data"; attachments that are not a certificate-of-insurance PDF go to Skipped',
	],
];
const show = (operations: string[]) => ({ show: { operation: operations } });

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'mapPlacement',
		options: [
			{
				name: 'Map Attachment',
				value: 'mapAttachment',
				action: 'Map a candidate attachment to a certificate upload',
				description: 'JobDiva attachment (FILENAME, base64 FILECONTENT) → certificate PDF as binary, only when it looks like a COI',
			},
			{
				name: 'Map Candidate',
				value: 'mapCandidate',
				action: 'Map a candidate to a contractor',
				description: 'JobDiva candidate → 1099Policy contractor body (relay email when the candidate has none)',
			},
			{
				name: 'Map Job',
				value: 'mapJob',
				action: 'Map a job to a 1099policy job',
				description: 'JobDiva job → 1099Policy job body (category, wage in cents, wage type, region)',
			},
			{
				name: 'Map Placement',
				value: 'mapPlacement',
				action: 'Map a placement to contractor and coverage bodies',
				description: 'JobDiva placement (with its candidate and job when present) → every 1099Policy body for coverage',
			},
			{
				name: 'Map Timesheet or Invoice',
				value: 'mapTimesheetOrInvoice',
				action: 'Map a timesheet or invoice to a 1099policy invoice',
				description: 'JobDiva timesheet or invoice → 1099Policy invoice body (gross pay in cents, pay-cycle dates)',
			},
		],
	},
	{
		displayName:
			'Input: JobDiva BI rows, searchStart records, JobDiva webhook bodies or camelCase fields, alone or nested under candidate/job/placement keys. Output 1 "Mapped": 1099Policy request bodies with idempotency keys; output 2 "Skipped": out-of-scope items with reason, field and value.',
		name: 'inputNotice',
		type: 'notice',
		default: '',
	},
	...OUTPUT_NOTICES.map(
		([operation, text], index): INodeProperties => ({
			displayName: text,
			name: `outputNotice${index}`,
			type: 'notice',
			default: '',
			displayOptions: show([operation]),
		}),
	),
	{
		displayName: 'Contractor ID',
		name: 'contractorId',
		type: 'string',
		default: '',
		placeholder: 'e.g. cn_12AbC3',
		description: "The 1099Policy contractor (cn_…) created from this candidate earlier in the workflow: drag in the ID from the Create Contractor step's output. Left out of the bodies when empty.",
		displayOptions: show(['mapPlacement', 'mapTimesheetOrInvoice', 'mapAttachment']),
	},
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		placeholder: 'e.g. jb_12AbC3',
		description: "The 1099Policy job (jb_…) created from this JobDiva job earlier in the workflow: drag in the ID from the Create Job step's output. Left out of the bodies when empty.",
		displayOptions: show(['mapPlacement', 'mapTimesheetOrInvoice']),
	},
	{
		displayName: 'Quote ID',
		name: 'quoteId',
		type: 'string',
		default: '',
		placeholder: 'e.g. qt_12AbC3',
		description: "The 1099Policy quote (qt_…) the application session is for: drag in the ID from the Create Quote step's output. Left out of the session body when empty.",
		displayOptions: show(placementOps),
	},
	{
		displayName: 'Success URL Template',
		name: 'successUrlTemplate',
		type: 'string',
		default: '',
		placeholder: 'https://dashboard.example.com/jobdiva/placements/{placementId}?coverage=active',
		description: 'Where the contractor lands after binding coverage. {placementId}, {candidateId} and {jobId} are replaced.',
		displayOptions: show(placementOps),
	},
	{
		displayName: 'Cancel URL Template',
		name: 'cancelUrlTemplate',
		type: 'string',
		default: '',
		placeholder: 'https://dashboard.example.com/jobdiva/placements/{placementId}?coverage=canceled',
		description: 'Where the contractor lands when ineligible or abandoning. {placementId}, {candidateId} and {jobId} are replaced.',
		displayOptions: show(placementOps),
	},
	{
		displayName: 'Category Table',
		name: 'categoryTable',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Category Rule',
		description: 'JobDiva title/category/skill → 1099Policy category code. The first matching row wins.',
		displayOptions: show(['mapPlacement', 'mapJob']),
		options: [
			{
				name: 'rules',
				displayName: 'Rule',
				values: [
					{
						displayName: 'Match',
						name: 'match',
						type: 'options',
						default: 'title',
						options: [
							{ name: 'Any of Them', value: 'any' },
							{ name: 'Job Category', value: 'category' },
							{ name: 'Job Title', value: 'title' },
							{ name: 'Skills', value: 'skill' },
						],
						description: 'Which JobDiva value the pattern is tested against',
					},
					{
						displayName: 'Pattern',
						name: 'pattern',
						type: 'string',
						default: '',
						placeholder: 'e.g. analyst or /data (analyst|engineer)/',
						description: 'Text the value contains (case-insensitive), or a /regular expression/',
					},
					{
						displayName: 'Category Code',
						name: 'code',
						type: 'string',
						default: '',
						placeholder: 'e.g. DATA_ANALYTICS',
						description: 'A job category code approved for your 1099Policy account',
					},
				],
			},
		],
	},
	{
		displayName: 'Default Category Code',
		name: 'defaultCategoryCode',
		type: 'string',
		default: '',
		description: 'Used when no Category Table row matches. Leave empty to make an unmatched job an error.',
		displayOptions: show(['mapPlacement', 'mapJob']),
	},
	{
		displayName: 'Client Table',
		name: 'clientTable',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Client',
		description: "Per-client compliance: the JobDiva company (ID or name) → required coverage types and the 1099Policy entity standing for it",
		displayOptions: show(['mapPlacement', 'mapJob']),
		options: [
			{
				name: 'clients',
				displayName: 'Client',
				values: [
					{
						displayName: 'JobDiva Company ID or Name',
						name: 'client',
						type: 'string',
						default: '',
						description: 'Matched case-insensitively against COMPANYID and the company name',
					},
					{
						displayName: 'Coverage Types',
						name: 'coverageTypes',
						type: 'multiOptions',
						options: coverageOptions,
						default: ['general'],
						description: 'Coverage this client requires',
					},
					{
						displayName: 'Entity ID',
						name: 'entity',
						type: 'string',
						default: '',
						placeholder: 'e.g. en_12AbC3',
						description: 'The 1099Policy entity for this client (empty: the Default Entity ID)',
					},
				],
			},
		],
	},
	{
		displayName: 'Default Coverage Types',
		name: 'defaultCoverageTypes',
		type: 'multiOptions',
		options: coverageOptions,
		default: ['general'],
		description: 'Coverage for clients not in the Client Table',
		displayOptions: show(placementOps),
	},
	{
		displayName: 'Default Entity ID',
		name: 'defaultEntity',
		type: 'string',
		default: '',
		placeholder: 'e.g. en_12AbC3',
		description: 'The 1099Policy entity for clients not in the Client Table; the job body leaves entity out when empty',
		displayOptions: show(['mapPlacement', 'mapJob']),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Apply Contractor Gate to All Operations',
				name: 'gateAllOperations',
				type: 'boolean',
				default: false,
				description:
					'Whether candidates, jobs, timesheets and attachments also need positive contractor evidence (placements always do). Items showing an employee or direct hire are skipped either way.',
			},
			{
				displayName: 'Contractor Evidence',
				name: 'contractorEvidence',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Evidence',
				description:
					'Extra field/value pairs that prove a 1099 engagement in your tenant (besides Subcontractor/1099 category and a set corp-to-corp flag)',
				options: [
					{
						name: 'pairs',
						displayName: 'Evidence',
						values: [
							{ displayName: 'JobDiva Field', name: 'field', type: 'string', default: '', placeholder: 'e.g. WORKER_TYPE', description: 'Field name as in the input (any case, spaces ignored)' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. 1099, IC', description: 'Matching values, comma-separated; * for any non-empty value' },
						],
					},
				],
			},
			{
				displayName: 'Proxy Email Domain',
				name: 'proxyEmailDomain',
				type: 'string',
				default: 'relay.example.com',
				description: 'Candidates without a usable email get &lt;candidateId&gt;@this-domain (1099Policy needs a unique email)',
			},
			{
				displayName: 'Rate Units',
				name: 'unitTable',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Unit',
				description: 'Tenant-defined JobDiva pay units and what they mean',
				options: [
					{
						name: 'units',
						displayName: 'Unit',
						values: [
							{ displayName: 'JobDiva Unit', name: 'unit', type: 'string', default: '', placeholder: 'e.g. Shift' },
							{
								displayName: 'Means',
								name: 'period',
								type: 'options',
								default: 'hour',
								options: RATE_PERIODS.map((period) => ({ name: PERIOD_NAMES[period], value: period })),
							},
						],
					},
				],
			},
			{
				displayName: 'Skip List',
				name: 'skipList',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Skip Rule',
				description: 'Items where a field has one of these values go to the Skipped output',
				options: [
					{
						name: 'pairs',
						displayName: 'Skip Rule',
						values: [
							{ displayName: 'JobDiva Field', name: 'field', type: 'string', default: '', placeholder: 'e.g. STATUS' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. Rejected, Cancelled', description: 'Values, comma-separated; * for any non-empty value' },
						],
					},
				],
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/New_York',
				description:
					"IANA zone for JobDiva dates without a zone. Empty: the worksite state's zone (the majority zone for states spanning two), else the workflow's time zone.",
			},
		],
	},
];
