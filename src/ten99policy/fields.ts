/** The vocabulary the resource declaration is written in. Every node parameter, request and doc row derives from it. */

export const COVERAGE_TYPES = ['general', 'professional', 'workers-comp', 'media', 'cyber'] as const;
export const WAGE_TYPES = ['hourly', 'flatfee', 'unit', 'blended'] as const;

export type FieldKind =
	| 'string'
	| 'email'
	| 'url'
	| 'integer'
	| 'boolean'
	/** Integer cents on the wire; the node lets users enter dollars or cents. */
	| 'money'
	/** Unix seconds UTC on the wire; the node accepts ISO strings, Luxon dates and Unix seconds. */
	| 'timestamp'
	| 'enum'
	| 'enumList'
	/** Flat object of string values; `{}` clears all keys. */
	| 'metadata'
	/** `{line1, line2, locality, region, postalcode, country}`. */
	| 'address'
	/** A nested object whose members are declared in `children`. */
	| 'object'
	/** The ID of another 1099Policy object (`ref`). */
	| 'id'
	/** A job category code, chosen from `GET /category_codes`. */
	| 'categoryCode'
	/** The name of an n8n binary property holding a file (multipart uploads). */
	| 'file'
	/** A query-only flag sent as `expand[]=<expand>`. */
	| 'expand';

export interface FieldSpec {
	kind: FieldKind;
	displayName: string;
	description: string;
	options?: readonly string[];
	ref?: string;
	/** Bounds, in the wire unit (cents for money). */
	min?: number;
	max?: number;
	children?: Record<string, FieldSpec>;
	/** For `expand`: the value sent as `expand[]`. */
	expand?: string;
	placeholder?: string;
	default?: string | number | boolean;
}

/** A JSON Schema type, for the simplified output and its schema. */
export type JsonType = 'string' | 'integer' | 'boolean' | 'object' | 'array';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface OperationSpec {
	displayName: string;
	/** Shown in the node's operation picker, e.g. "Create a contractor". */
	action: string;
	description: string;
	method: HttpMethod;
	/** Relative to `/api/v1`; `{id}` is the object's ID. */
	path: string;
	/** Body fields (names from the resource's `fields`). */
	required?: readonly string[];
	optional?: readonly string[];
	/** Query-string filters for reads (names from the resource's `fields`). */
	query?: readonly string[];
	/** A cursor-paginated bare-array list (`limit`, `starting_after`). */
	paginated?: boolean;
	/** The response is an array (paginated or not) and each element becomes an output item. */
	returnsArray?: boolean;
	/** The body is `multipart/form-data` (certificate upload). */
	multipart?: boolean;
	/**
	 * A node-level composite built on other operations, not a single HTTP call: `runner` chooses how the node runs it
	 * (nodes/Ten99Policy/operations.ts) and `calls` describes the calls it makes (the README's operations table).
	 */
	composite?: { runner: OperationRunner; calls: string };
}

/** How the node runs a composite operation. */
export type OperationRunner =
	/** Contractor → Create or Update: by a known ID, or create and on duplicate_email find by email; reports returning_contractor. */
	| 'contractorUpsert'
	/** Entity → Find or Create: by a known ID, a name found within the hour, or the list; creates an unknown name once. */
	| 'entityFindOrCreate'
	/** Create or Update by a known ID: the resource's `create` when no ID is known, its `update` when one is. */
	| 'createOrUpdate';

export interface ResourceSpec {
	displayName: string;
	/** Lower-case plural for prose: "contractors". */
	plural: string;
	/** Collection path relative to `/api/v1`. */
	path: string;
	idPrefix: string;
	description: string;
	/**
	 * List search for the node's resource locator ("From List"), one page of the list endpoint at a time: how to label
	 * an object, and the list filter the API has for this resource, if any (`filterField`, one of the list's `query`
	 * fields). Typed text that fits the filter (an email for an email field, an ID with the right prefix for an ID
	 * field) is sent as that filter; other text is matched against the labels of the page.
	 */
	search?: { filterField?: string; label: (object: Record<string, unknown>) => string };
	/**
	 * Simplify (node version 2, Get and Get Many): the fields a no-code user needs, in output order, with their JSON
	 * type. The same list is the output schema n8n's editor shows before the node has run.
	 */
	simplified?: Record<string, JsonType>;
	fields: Record<string, FieldSpec>;
	operations: Record<string, OperationSpec>;
}
