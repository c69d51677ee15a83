import type { INodeProperties } from 'n8n-workflow';
import { JOBDIVA_MAX_RETRIES_OPTION, JOBDIVA_TIME_ZONE_OPTION } from '../shared/jobDivaOptions';

/** The JobDiva node's parameters: resources and their read operations. */

const show = (resource: string, operation?: string[]) => ({
	show: operation ? { resource: [resource], operation } : { resource: [resource] },
});

const idField = (displayName: string, name: string, resource: string, operation: string[], description: string, required = true): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	required,
	default: '',
	placeholder: '12345',
	description,
	displayOptions: show(resource, operation),
});

const rangeFields = (resource: string, operation: string[], what: string): INodeProperties[] => [
	{
		displayName: 'From',
		name: 'fromDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: `Start of the range of ${what}. Ranges longer than 14 days are split into 14-day calls (JobDiva's limit) and merged.`,
		displayOptions: show(resource, operation),
	},
	{
		displayName: 'To',
		name: 'toDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: `End of the range of ${what}`,
		displayOptions: show(resource, operation),
	},
];

export const JOBDIVA_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'placement',
		options: [
			{ name: 'Activity', value: 'activity', description: 'Submittal, interview and hire activity records' },
			{ name: 'Billing Record', value: 'billingRecord', description: 'An employee\'s billing record (worksite state, bill rate)' },
			{ name: 'Candidate', value: 'candidate' },
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Job', value: 'job' },
			{ name: 'Placement', value: 'placement', description: 'Starts and hires' },
			{ name: 'Salary Record', value: 'salaryRecord', description: 'An employee\'s salary record (employment category, pay)' },
			{ name: 'Timesheet', value: 'timesheet' },
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('candidate'),
		default: 'get',
		options: [
			{ name: 'Download Attachment', value: 'downloadAttachment', action: 'Download a candidate attachment', description: 'CandidateAttachmentDetail: the file as binary data; JSON keeps FILENAME and FILECONTENT and adds the CANDIDATEID asked for' },
			{ name: 'Get', value: 'get', action: 'Get a candidate', description: 'CandidateDetail: name, address, email, phones' },
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('job'),
		default: 'get',
		options: [{ name: 'Get', value: 'get', action: 'Get a job', description: 'JobDetail: title, description, company, worksite, pay rates' }],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('placement'),
		default: 'getHires',
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a placement',
				description: "A candidate's start record by its placement ID (JobDiva's searchStart), with found: true; found: false when JobDiva no longer has it",
			},
			{ name: 'Get New or Updated Hires', value: 'getHires', action: 'Get new or updated hires in a date range', description: 'NewHires / UpdatedHires, optionally with each hire\'s activity record' },
			{ name: 'Search', value: 'search', action: 'Search placements', description: "Start records of a candidate and/or job (JobDiva's searchStart)" },
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('activity'),
		default: 'getNewUpdated',
		options: [{ name: 'Get New or Updated', value: 'getNewUpdated', action: 'Get new or updated activity records in a date range', description: 'NewUpdatedSubmittalInterviewHireActivityRecords' }],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('billingRecord'),
		default: 'get',
		options: [{ name: 'Get', value: 'get', action: 'Get a billing record', description: 'BillingRecordDetail: WORK_STATE, BILL_RATE, BILL_RATE_PER' }],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('salaryRecord'),
		default: 'get',
		options: [{ name: 'Get', value: 'get', action: 'Get a salary record', description: 'SalaryRecordDetail: EMPLOYMENT_CATEGORY, SALARY, SALARY_PER' }],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('timesheet'),
		default: 'getNewUpdated',
		options: [{ name: 'Get New or Updated', value: 'getNewUpdated', action: 'Get new or updated timesheets in a date range', description: 'NewUpdatedTimesheetRecords' }],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: show('invoice'),
		default: 'get',
		options: [{ name: 'Get', value: 'get', action: 'Get an invoice', description: 'InvoiceDetail: period, hours, amount' }],
	},

	// Candidate
	idField('Candidate ID', 'candidateId', 'candidate', ['get', 'downloadAttachment'], 'The JobDiva candidate ID (digits)'),
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Jordan_Lee_COI_2026.pdf',
		description: 'The attachment\'s file name exactly as JobDiva lists it on the candidate',
		displayOptions: show('candidate', ['downloadAttachment']),
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: show('candidate', ['downloadAttachment']),
	},
	{
		displayName: 'Keep FILECONTENT in JSON',
		name: 'keepFileContent',
		type: 'boolean',
		default: true,
		description:
			'Whether the JSON keeps JobDiva\'s base64 FILECONTENT next to the binary file. The JobDiva to 1099Policy node\'s Map Attachment reads it; turn off to keep items small.',
		displayOptions: { show: { ...show('candidate', ['downloadAttachment']).show, '@tool': [false] } },
	},
	{
		// The same parameter in the node's AI-tool form (n8n's "@tool"): off by default, so the file's base64 does not
		// fill the model's context unless asked for.
		displayName: 'Keep FILECONTENT in JSON',
		name: 'keepFileContent',
		type: 'boolean',
		default: false,
		description: 'Whether the tool\'s answer includes JobDiva\'s base64 FILECONTENT. Off: the agent gets FILENAME and the file as binary, not its content.',
		displayOptions: { show: { ...show('candidate', ['downloadAttachment']).show, '@tool': [true] } },
	},

	// Job
	idField('Job ID', 'jobId', 'job', ['get'], 'The JobDiva job ID (digits)'),

	// Placement → Get
	idField('Placement ID', 'placementId', 'placement', ['get'], 'The JobDiva placement (start) ID: PLACEMENTID of a hire'),
	idField('Candidate ID', 'candidateId', 'placement', ['get'], 'The placement\'s candidate: JobDiva finds starts by candidate'),

	// Placement → Search
	idField('Candidate ID', 'candidateId', 'placement', ['search'], 'Starts of this candidate (leave empty to search by job only)', false),
	idField('Job ID', 'jobId', 'placement', ['search'], 'Starts on this job (leave empty to search by candidate only)', false),
	{
		displayName: 'Additional Criteria (JSON)',
		name: 'additionalCriteria',
		type: 'json',
		default: '{}',
		description: 'More searchStart criteria as JobDiva names them, sent unchanged',
		displayOptions: show('placement', ['search']),
	},

	// Placement → Get hires
	{
		displayName: 'Hires',
		name: 'hireFeed',
		type: 'options',
		default: 'both',
		options: [
			{ name: 'New and Updated', value: 'both', description: 'NewHires and UpdatedHires' },
			{ name: 'New', value: 'new', description: 'NewHires' },
			{ name: 'Updated', value: 'updated', description: 'UpdatedHires' },
		],
		displayOptions: show('placement', ['getHires']),
	},
	...rangeFields('placement', ['getHires'], 'hires'),
	{
		displayName: 'Expand to Hire Record',
		name: 'expand',
		type: 'boolean',
		default: true,
		description:
			'Whether to return each hire\'s activity record (candidate, job, dates, pay, corp-to-corp) with its PLACEMENTID instead of the PLACEMENTID alone. Reads the activity feed over the same range.',
		displayOptions: show('placement', ['getHires']),
	},

	// Activity, timesheet
	...rangeFields('activity', ['getNewUpdated'], 'new or updated activity records'),
	{
		displayName: 'Hires Only',
		name: 'hiresOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to return only hire records (HIREFLAG 1), leaving out submittals and interviews',
		displayOptions: show('activity', ['getNewUpdated']),
	},
	...rangeFields('timesheet', ['getNewUpdated'], 'new or updated timesheets'),

	// Billing, salary
	idField('Employee ID', 'employeeId', 'billingRecord', ['get'], 'The employee (candidate) ID: the first part of a billing webhook\'s ID "<employeeid>,<recid>"'),
	idField('Record ID', 'recordId', 'billingRecord', ['get'], 'The billing record ID: the second part of a billing webhook\'s ID'),
	idField('Employee ID', 'employeeId', 'salaryRecord', ['get'], 'The employee (candidate) ID: the first part of a salary webhook\'s ID "<employeeid>,<recid>"'),
	idField('Record ID', 'recordId', 'salaryRecord', ['get'], 'The salary record ID: the second part of a salary webhook\'s ID'),

	// Invoice
	idField('Invoice ID', 'invoiceId', 'invoice', ['get'], 'The JobDiva invoice ID (digits)'),

	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			JOBDIVA_TIME_ZONE_OPTION,
			JOBDIVA_MAX_RETRIES_OPTION,
		],
	},
];
