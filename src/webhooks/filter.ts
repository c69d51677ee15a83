import { canonicalEventType } from '../ten99policy/events';

/** The "All" choice of the trigger's Events parameter. */
export const ALL_EVENTS = '*';

/** Whether a selection means every event: "All" chosen, or nothing chosen (1099Policy reads no events as all). */
export function selectsAllEvents(selected: readonly string[] | undefined): boolean {
	return !selected || selected.length === 0 || selected.some((type) => type.trim() === ALL_EVENTS);
}

/**
 * A predicate over event types for the user's selection. Both spellings match (`policy.canceled` selects
 * `policy.cancelled` and the reverse), and case and surrounding spaces do not matter.
 */
export function eventFilter(selected: readonly string[] | undefined): (type: string) => boolean {
	if (selectsAllEvents(selected)) return () => true;
	const wanted = new Set((selected ?? []).map(canonicalEventType));
	return (type) => wanted.has(canonicalEventType(type));
}

/**
 * The `events` to register with 1099Policy: `undefined` for all (the field is then left out, which 1099Policy reads
 * as every event), else the canonical spellings, unique and sorted so two selections compare by value.
 */
export function registrationEvents(selected: readonly string[] | undefined): string[] | undefined {
	if (selectsAllEvents(selected)) return undefined;
	return [...new Set((selected ?? []).map(canonicalEventType))].sort();
}

/** Whether two registrations cover the same events (all ≡ none ≡ `["*"]`; spelling and order do not matter). */
export function sameEventSelection(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
	const left = registrationEvents(a);
	const right = registrationEvents(b);
	if (left === undefined || right === undefined) return left === right;
	return left.length === right.length && left.every((type, index) => type === right[index]);
}
