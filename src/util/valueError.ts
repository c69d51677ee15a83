/**
 * A value a user (or an upstream node) supplied cannot be used. It names the field, shows the value it got
 * and says how to fix it, so the n8n adapter can turn it into an item-level error without rewording.
 */
export class ValueError extends Error {
	readonly field: string;
	readonly value: unknown;
	readonly fix: string;

	constructor(field: string, value: unknown, problem: string, fix: string) {
		super(`${field}: ${problem} (got ${describeValue(value)}). ${fix}`);
		this.name = 'ValueError';
		this.field = field;
		this.value = value;
		this.fix = fix;
	}
}

export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	try {
		const text = JSON.stringify(value);
		return text.length > 80 ? `${text.slice(0, 77)}...` : text;
	} catch {
		return Object.prototype.toString.call(value);
	}
}
