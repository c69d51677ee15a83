import { EVENT_TYPES } from './events';
import { COVERAGE_TYPES, WAGE_TYPES, type FieldSpec, type OperationSpec, type ResourceSpec } from './fields';

/**
 * The 1099Policy API, declared once. The Ten99Policy node's pickers and parameters, the client's requests and the
 * README's operations table are all derived from this object; nothing about a resource is written anywhere else.
 * Sources: 1099Policy's API reference v1.6.12 (2022) and its current API docs (https://docs.1099policy.com) and SDKs
 * (`ten99policy` on npm and PyPI) for the newer endpoints.
 */

const metadata: FieldSpec = {
	kind: 'metadata',
	displayName: 'Custom Metadata',
	description: 'Key/value pairs stored on the object, e.g. jobdiva_candidate_id. An empty object clears all keys.',
};
const address = (whose: string): FieldSpec => ({
	kind: 'address',
	displayName: 'Address',
	description: `The ${whose} address. Region is the 2-letter state code.`,
});
const coverageTypes: FieldSpec = {
	kind: 'enumList',
	displayName: 'Coverage Types',
	description: 'Insurance coverage to quote or bind',
	options: COVERAGE_TYPES,
};
const idOf = (ref: string, displayName: string, description: string): FieldSpec => ({ kind: 'id', ref, displayName, description });
const timestamp = (displayName: string, description: string): FieldSpec => ({ kind: 'timestamp', displayName, description });
/** A list-search label: the ID, then the given fields that have a value, e.g. "an_12 (active, cn_3)". */
const idWith =
	(...keys: string[]) =>
	(object: Record<string, unknown>): string => {
		const values = keys.map((key) => object[key]).filter((value) => typeof value === 'string' && value !== '');
		return values.length > 0 ? `${String(object.id)} (${values.join(', ')})` : String(object.id);
	};

const get = (noun: string): OperationSpec => ({
	displayName: 'Get',
	action: `Get a ${noun}`,
	description: `Retrieve a ${noun} by ID`,
	method: 'GET',
	path: '/{id}',
});
const list = (noun: string, query: readonly string[] = []): OperationSpec => ({
	displayName: 'Get Many',
	action: `Get many ${noun}`,
	description: `List ${noun}, newest first`,
	method: 'GET',
	path: '',
	query,
	paginated: true,
	returnsArray: true,
});
const remove = (noun: string, note = ''): OperationSpec => ({
	displayName: 'Delete',
	action: `Delete a ${noun}`,
	description: `Permanently delete a ${noun}${note}`,
	method: 'DELETE',
	path: '/{id}',
});
const create = (noun: string, required: readonly string[], optional: readonly string[]): OperationSpec => ({
	displayName: 'Create',
	action: `Create a ${noun}`,
	description: `Create a ${noun}`,
	method: 'POST',
	path: '',
	required,
	optional,
});
const update = (noun: string, optional: readonly string[], note = ''): OperationSpec => ({
	displayName: 'Update',
	action: `Update a ${noun}`,
	description: `Update a ${noun}; fields left empty stay unchanged${note}`,
	method: 'PUT',
	path: '/{id}',
	optional,
});

/**
 * Create or Update by a known ID (n8n's "Create or Update" style): the same POST as `create` when the ID is unknown,
 * a PUT of the fields `update` accepts when the option "<Resource> ID (If Known)" holds one, and no call when the
 * option "Unchanged Since Last Sent" says nothing changed. `update` lists what the API lets you change.
 */
const createOrUpdate = (noun: string, path: string, created: OperationSpec): OperationSpec => ({
	displayName: 'Create or Update',
	action: `Create or update a ${noun}`,
	description: `Create the ${noun}, or update it when its ID is known (from your ledger); no call when marked unchanged`,
	method: 'POST',
	path: '',
	required: created.required,
	optional: created.optional,
	composite: {
		runner: 'createOrUpdate',
		calls: `no ID known: POST ${path}; ID known: PUT ${path}/{id} (only the fields Update accepts); ID known and unchanged: none`,
	},
});

const CONTRACTOR_FIELDS = ['phone', 'address', 'middle_name', 'company_name', 'tax_identification', 'custom_metadata'] as const;
const JOB_CREATE = create(
	'job',
	['name', 'description', 'entity', 'category_code', 'wage', 'wage_type'],
	['region', 'address', 'years_experience', 'custom_metadata'],
);
const QUOTE_CREATE = create('quote', ['contractor', 'job', 'coverage_type'], ['effective_date', 'end_date', 'custom_metadata']);
const SESSION_CREATE = create('application session', ['quote'], ['success_url', 'cancel_url', 'custom_metadata']);
const ASSIGNMENT_CREATE = create(
	'assignment',
	['contractor', 'job'],
	['bind', 'effective_date', 'end_date', 'policy', 'coverage_type', 'custom_metadata'],
);

export const RESOURCES = {
	contractor: {
		displayName: 'Contractor',
		plural: 'contractors',
		path: '/contractors',
		idPrefix: 'cn_',
		description: 'The independent contractor who is insured',
		search: {
			filterField: 'email',
			label: (c) => `${String(c.first_name ?? '')} ${String(c.last_name ?? '')} <${String(c.email ?? '')}>`.trim(),
		},
		simplified: {
			id: 'string',
			first_name: 'string',
			last_name: 'string',
			email: 'string',
			phone: 'string',
			company_name: 'string',
			created: 'integer',
			custom_metadata: 'object',
		},
		fields: {
			first_name: { kind: 'string', displayName: 'First Name', description: "The contractor's first name" },
			last_name: { kind: 'string', displayName: 'Last Name', description: "The contractor's last name" },
			email: {
				kind: 'email',
				displayName: 'Email',
				description: 'Unique per contractor. Use a relay address such as 12345@relay.example.com when the candidate has none.',
				placeholder: 'name@email.com',
			},
			phone: { kind: 'string', displayName: 'Phone', description: "The contractor's phone number" },
			middle_name: { kind: 'string', displayName: 'Middle Name', description: "The contractor's middle name" },
			company_name: { kind: 'string', displayName: 'Company Name', description: "The contractor's business name" },
			tax_identification: {
				kind: 'string',
				displayName: 'Tax Identification',
				description: 'EIN for a corporate entity or SSN for a sole proprietor',
			},
			address: address("contractor's home"),
			custom_metadata: metadata,
		},
		operations: {
			create: create('contractor', ['first_name', 'last_name', 'email'], CONTRACTOR_FIELDS),
			upsert: {
				displayName: 'Create or Update',
				action: 'Create or update a contractor',
				description:
					'Update the contractor with a known ID, or create it; when the email already exists (duplicate_email), find it by email and update it instead',
				method: 'POST',
				path: '',
				required: ['first_name', 'last_name', 'email'],
				optional: CONTRACTOR_FIELDS,
				composite: {
					runner: 'contractorUpsert',
					calls:
						'ID known: PUT /contractors/{id} (none when unchanged), GET /contractors/{id}/policies; else POST /contractors; only on duplicate_email: GET /contractors?email=, PUT /contractors/{id} (only when a value differs), GET /contractors/{id}/policies',
				},
			},
			get: get('contractor'),
			update: update('contractor', ['first_name', 'last_name', 'email', ...CONTRACTOR_FIELDS]),
			delete: remove('contractor', ' (also cancels its active policies)'),
			list: list('contractors', ['email']),
			listPolicies: {
				displayName: 'Get Policies',
				action: "Get a contractor's policies",
				description: 'List the policies held by a contractor (a returning contractor has an active one)',
				method: 'GET',
				path: '/{id}/policies',
				returnsArray: true,
			},
		},
	},
	entity: {
		displayName: 'Entity',
		plural: 'entities',
		path: '/entities',
		idPrefix: 'en_',
		description: 'The client (contracting entity) the contractor works for',
		search: { label: (e) => String(e.name ?? e.id) },
		fields: {
			name: { kind: 'string', displayName: 'Name', description: "The contracting entity's legal name" },
			address: address("contracting entity's"),
			coverage_limit: {
				kind: 'object',
				displayName: 'Coverage Limit',
				description: 'Minimum coverage limits the entity requires',
				children: {
					aggregate_limit: {
						kind: 'money',
						displayName: 'Aggregate Limit',
						description: 'Total the insurer pays for all claims in one policy term (at least $10.00)',
						min: 1000,
					},
					occurrence_limit: {
						kind: 'money',
						displayName: 'Occurrence Limit',
						description: 'Total the insurer pays per incident (at least $10.00)',
						min: 1000,
					},
				},
			},
			required_coverage: { ...coverageTypes, displayName: 'Required Coverage', description: 'Coverage the entity requires of contractors' },
		},
		operations: {
			create: create('entity', ['name'], ['address', 'coverage_limit', 'required_coverage']),
			findOrCreate: {
				displayName: 'Find or Create',
				action: 'Find or create an entity',
				description: 'Use the entity with this exact name (case-insensitive), creating it when there is none',
				method: 'POST',
				path: '',
				required: ['name'],
				optional: ['address', 'coverage_limit', 'required_coverage'],
				composite: {
					runner: 'entityFindOrCreate',
					calls: 'none for a given Entity ID or a name found within the hour; else GET /entities (all pages, once per execution) and POST /entities only for a name not found',
				},
			},
			get: get('entity'),
			update: update('entity', ['name', 'address', 'coverage_limit', 'required_coverage']),
			delete: remove('entity'),
			list: list('entities'),
		},
	},
	job: {
		displayName: 'Job',
		plural: 'jobs',
		path: '/jobs',
		idPrefix: 'jb_',
		description: 'The work being insured: role, category, wage and location',
		search: { label: (j) => `${String(j.name ?? j.id)}${j.region ? ` (${String(j.region)})` : ''}` },
		simplified: {
			id: 'string',
			name: 'string',
			entity: 'string',
			category_code: 'string',
			wage: 'integer',
			wage_type: 'string',
			region: 'string',
			created: 'integer',
			custom_metadata: 'object',
		},
		fields: {
			name: { kind: 'string', displayName: 'Name', description: 'The name of the contractor job role' },
			description: { kind: 'string', displayName: 'Description', description: 'Role, responsibilities and qualifications' },
			entity: idOf('entity', 'Entity', 'The entity (client) the work is done for'),
			category_code: {
				kind: 'categoryCode',
				displayName: 'Category Code',
				description: 'A job category code approved for your 1099Policy account',
			},
			wage: {
				kind: 'money',
				displayName: 'Wage',
				description: 'The wage per wage type unit ($1.00 to $1,000,000.00)',
				min: 100,
				max: 100_000_000,
			},
			wage_type: { kind: 'enum', displayName: 'Wage Type', description: 'How the wage is paid', options: WAGE_TYPES, default: 'hourly' },
			region: { kind: 'string', displayName: 'Region', description: '2-letter state code where the work is done', placeholder: 'CA' },
			address: address('job (omit for remote work; if given, region and postal code are required)'),
			years_experience: { kind: 'integer', displayName: 'Years Experience', description: 'Years of experience the job requires', min: 0 },
			custom_metadata: metadata,
		},
		operations: {
			create: JOB_CREATE,
			upsert: createOrUpdate('job', '/jobs', JOB_CREATE),
			get: get('job'),
			update: update('job', [
				'name',
				'description',
				'entity',
				'category_code',
				'wage',
				'wage_type',
				'region',
				'address',
				'years_experience',
				'custom_metadata',
			]),
			delete: remove('job', ' (only possible while it has no policies)'),
			list: list('jobs'),
		},
	},
	jobCategory: {
		displayName: 'Job Category',
		plural: 'job categories',
		path: '/category_codes',
		idPrefix: 'jc_',
		description: 'Job category codes approved for your account',
		fields: {},
		operations: {
			list: {
				displayName: 'Get Many',
				action: 'Get many job categories',
				description: 'List the job category codes approved for your account',
				method: 'GET',
				path: '',
				returnsArray: true,
			},
		},
	},
	quote: {
		displayName: 'Quote',
		plural: 'quotes',
		path: '/quotes',
		idPrefix: 'qt_',
		description: 'Price and eligibility of coverage for a contractor on a job',
		search: { label: (q) => `${String(q.id)} (${String(q.contractor && typeof q.contractor === 'object' ? (q.contractor as Record<string, unknown>).id : q.contractor)})` },
		simplified: {
			id: 'string',
			contractor: 'string',
			job: 'string',
			coverage_type: 'array',
			effective_date: 'integer',
			end_date: 'integer',
			net_rate: 'integer',
			eligible: 'boolean',
			created: 'integer',
			custom_metadata: 'object',
		},
		fields: {
			contractor: idOf('contractor', 'Contractor', 'The contractor seeking coverage'),
			job: idOf('job', 'Job', 'The job the contractor will work on'),
			coverage_type: coverageTypes,
			effective_date: timestamp('Effective Date', 'When coverage starts; must be in the future (default: tomorrow)'),
			end_date: timestamp('End Date', 'When coverage ends; after the effective date (default: 30 days after it)'),
			custom_metadata: metadata,
		},
		operations: {
			create: QUOTE_CREATE,
			upsert: createOrUpdate('quote', '/quotes', QUOTE_CREATE),
			get: get('quote'),
			update: update('quote', ['contractor', 'job', 'coverage_type', 'effective_date', 'end_date', 'custom_metadata'], ' (only while unbound)'),
			list: list('quotes'),
		},
	},
	applicationSession: {
		displayName: 'Application Session',
		plural: 'application sessions',
		path: '/apply/sessions',
		idPrefix: 'ias_',
		description: "A hosted insurance application for a first-time contractor; send them its URL",
		search: { label: idWith('status', 'contractor') },
		fields: {
			quote: idOf('quote', 'Quote', 'The quote the contractor applies for'),
			success_url: { kind: 'url', displayName: 'Success URL', description: 'Where the contractor goes after binding coverage' },
			cancel_url: { kind: 'url', displayName: 'Cancel URL', description: 'Where the contractor goes when ineligible or abandoning' },
			custom_metadata: metadata,
		},
		operations: {
			create: SESSION_CREATE,
			upsert: createOrUpdate('application session', '/apply/sessions', SESSION_CREATE),
			get: get('application session'),
			update: update('application session', ['success_url', 'cancel_url', 'custom_metadata']),
			list: list('application sessions'),
			expire: {
				displayName: 'Expire',
				action: 'Expire an application session',
				description: 'Expire a session so its URL can no longer be used',
				method: 'POST',
				path: '/{id}/expire',
			},
		},
	},
	policy: {
		displayName: 'Policy',
		plural: 'policies',
		path: '/policies',
		idPrefix: 'pl_',
		description: 'Bound insurance coverage',
		search: { filterField: 'quote', label: (p) => `${String(p.id)} (${String(p.status ?? '')})` },
		fields: {
			quote: idOf('quote', 'Quote', 'The quote the policy binds'),
			effective_date: timestamp('Effective Date', 'When the policy starts'),
			expiration_date: timestamp('Expiration Date', 'When the policy ends'),
			is_active: { kind: 'boolean', displayName: 'Is Active', description: 'Whether to switch the policy on or off', default: true },
		},
		operations: {
			create: create('policy', ['quote'], ['effective_date', 'expiration_date']),
			get: get('policy'),
			update: update('policy', ['quote', 'effective_date', 'expiration_date', 'is_active']),
			delete: remove('policy', ' (cancels the coverage immediately)'),
			list: list('policies', ['quote']),
		},
	},
	assignment: {
		displayName: 'Assignment',
		plural: 'assignments',
		path: '/assignments',
		idPrefix: 'an_',
		description: "Coverage for a returning contractor's new job",
		search: { label: idWith('status', 'contractor', 'job') },
		simplified: {
			id: 'string',
			status: 'string',
			eligible: 'boolean',
			contractor: 'string',
			job: 'string',
			policy: 'string',
			coverage_type: 'array',
			effective_date: 'integer',
			end_date: 'integer',
			net_rate: 'integer',
			created: 'integer',
			custom_metadata: 'object',
		},
		fields: {
			contractor: idOf('contractor', 'Contractor', 'The returning contractor'),
			job: idOf('job', 'Job', 'The job the assignment covers'),
			policy: idOf('policy', 'Policy', 'An existing policy to attach the assignment to'),
			bind: { kind: 'boolean', displayName: 'Bind', description: 'Whether to bind coverage at once (API default: true)', default: true },
			effective_date: timestamp('Effective Date', 'When the assignment starts'),
			end_date: timestamp('End Date', 'When the assignment ends'),
			coverage_type: coverageTypes,
			custom_metadata: metadata,
			job_id: idOf('job', 'Job', 'The job whose assignments to cancel'),
			reason: { kind: 'string', displayName: 'Reason', description: 'Why the assignment is cancelled' },
		},
		operations: {
			create: ASSIGNMENT_CREATE,
			upsert: createOrUpdate('assignment', '/assignments', ASSIGNMENT_CREATE),
			get: get('assignment'),
			update: update('assignment', ['effective_date', 'end_date', 'coverage_type', 'custom_metadata']),
			delete: remove('assignment'),
			list: list('assignments'),
			cancel: {
				displayName: 'Cancel',
				action: 'Cancel an assignment',
				description: 'Cancel the assignment for a job',
				method: 'POST',
				path: '/cancel',
				required: ['job_id'],
				optional: ['reason'],
			},
		},
	},
	invoice: {
		displayName: 'Invoice',
		plural: 'invoices',
		path: '/invoices',
		idPrefix: 'in_',
		description: 'Final remuneration for a pay cycle',
		search: { label: idWith('contractor', 'job') },
		fields: {
			contractor: idOf('contractor', 'Contractor', 'The contractor who was paid'),
			job: idOf('job', 'Job', 'The job the pay is for'),
			gross_pay: { kind: 'money', displayName: 'Gross Pay', description: 'Gross pay for the pay cycle', min: 1 },
			paycycle_startdate: timestamp('Pay Cycle Start Date', 'First day of the pay cycle'),
			paycycle_enddate: timestamp('Pay Cycle End Date', 'Last day of the pay cycle'),
			purchase_order_number: { kind: 'string', displayName: 'Purchase Order Number', description: 'Your purchase order reference' },
		},
		operations: {
			create: create('invoice', ['contractor', 'job', 'gross_pay', 'paycycle_startdate', 'paycycle_enddate'], ['purchase_order_number']),
			get: get('invoice'),
			update: update('invoice', ['gross_pay', 'paycycle_startdate', 'paycycle_enddate', 'purchase_order_number']),
			delete: remove('invoice'),
			list: list('invoices'),
		},
	},
	certificate: {
		displayName: 'Certificate',
		plural: 'certificates',
		path: '/files/certificates',
		idPrefix: 'ci_',
		description: "A contractor's own certificate of insurance (BYO-COI), reviewed by 1099Policy",
		search: { label: idWith('status', 'contractor') },
		fields: {
			certificate: {
				kind: 'file',
				displayName: 'Input Binary Field',
				description: 'The binary property holding the certificate PDF (at most 15 MB)',
				default: 'data',
			},
			contractor: idOf('contractor', 'Contractor', 'The contractor the certificate belongs to'),
			custom_metadata: metadata,
			review_results: {
				kind: 'expand',
				displayName: 'Include Review Results',
				description: 'Whether to include the review results',
				expand: 'review_results',
				default: false,
			},
		},
		operations: {
			upload: {
				displayName: 'Upload',
				action: 'Upload a certificate',
				description: 'Upload a certificate of insurance PDF for review',
				method: 'POST',
				path: '',
				required: ['certificate', 'contractor'],
				optional: ['custom_metadata'],
				multipart: true,
			},
			get: { ...get('certificate'), query: ['review_results'] },
			list: list('certificates', ['review_results']),
		},
	},
	webhookEndpoint: {
		displayName: 'Webhook Endpoint',
		plural: 'webhook endpoints',
		path: '/webhook_endpoints',
		idPrefix: 'whe_',
		description: 'A URL 1099Policy posts events to (the trigger node manages its own)',
		search: { label: idWith('url') },
		fields: {
			url: { kind: 'url', displayName: 'URL', description: 'The HTTPS URL that receives events' },
			description: { kind: 'string', displayName: 'Description', description: 'A note for your team' },
			events: {
				kind: 'enumList',
				displayName: 'Events',
				description: 'Events to send; none means all',
				options: EVENT_TYPES,
			},
		},
		operations: {
			create: create('webhook endpoint', ['url'], ['description', 'events']),
			get: get('webhook endpoint'),
			update: update('webhook endpoint', ['url', 'description', 'events']),
			delete: remove('webhook endpoint'),
			list: list('webhook endpoints'),
		},
	},
	event: {
		displayName: 'Event',
		plural: 'events',
		path: '/events',
		idPrefix: 'ev_',
		description: 'Webhook events 1099Policy has emitted',
		search: { label: idWith('type') },
		fields: {},
		operations: {
			get: get('event'),
			list: list('events'),
		},
	},
} satisfies Record<string, ResourceSpec>;

export type ResourceKey = keyof typeof RESOURCES;
export const RESOURCE_KEYS = Object.keys(RESOURCES) as ResourceKey[];

export function resourceSpec(key: string): ResourceSpec {
	const spec = (RESOURCES as Record<string, ResourceSpec>)[key];
	if (!spec) throw new Error(`Unknown 1099Policy resource "${key}". Known: ${RESOURCE_KEYS.join(', ')}.`);
	return spec;
}

export function operationSpec(resource: string, operation: string): OperationSpec {
	const spec = resourceSpec(resource);
	const op = spec.operations[operation];
	if (!op) {
		throw new Error(`1099Policy ${spec.displayName} has no operation "${operation}". Known: ${Object.keys(spec.operations).join(', ')}.`);
	}
	return op;
}

/** Which resource an ID prefix belongs to, e.g. "cn_" → contractor. */
export function resourceForId(id: string): ResourceKey | undefined {
	return RESOURCE_KEYS.find((key) => id.startsWith(RESOURCES[key].idPrefix));
}
