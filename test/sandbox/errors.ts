/**
 * 1099Policy's error body is `{"message": "..." | {field: "reason"}, "error_code": "snake_case"}`. Handlers throw
 * `ApiError`; the server turns it into that body.
 */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly errorCode: string,
		readonly detail: string | Record<string, string>,
	) {
		super(typeof detail === 'string' ? detail : JSON.stringify(detail));
	}

	get body(): { message: string | Record<string, string>; error_code: string } {
		return { message: this.detail, error_code: this.errorCode };
	}
}

export function notFound(what: string, id: string): ApiError {
	return new ApiError(404, 'resource_not_found', `No ${what} with ID ${id}`);
}

/** Field validation failure: `message` names every bad field. */
export function invalidInput(fields: Record<string, string>): ApiError {
	return new ApiError(400, 'invalid_input', fields);
}
