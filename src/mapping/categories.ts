import { ValueError } from '../util/valueError';
import { attempt } from '../util/attempt';
import { pick, text, type Found, type Normalised } from './normalise';
import type { MappingRules } from './schemas';

/**
 * Job category: JobDiva has free-text titles, categories and skills; 1099Policy needs a category code approved for
 * the account. The user keeps a table (node parameter) of `match` (title/category/skill/any) + `pattern`
 * (case-insensitive text contained in the value, or `/regex/flags`) → `code`; the first matching row wins, then the
 * Default Category Code. Nothing matching and no default is an error naming the title, so the table gets a row.
 */

export interface CategoryChoice {
	code: string;
	because: string;
}

/** A Category Table pattern as a test: `/regex/flags` (case-insensitive), else case-insensitive "contains". */
function patternTest(pattern: string, row: number): (value: string) => boolean {
	const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
	if (regex) {
		const result = attempt(() => new RegExp(regex[1], regex[2].includes('i') ? regex[2] : `${regex[2]}i`));
		if (!result.ok) {
			throw new ValueError(`Category Table row ${row} pattern`, pattern, 'is not a valid regular expression', 'Fix the pattern, or write plain text to match text contained in the value.');
		}
		const compiled = result.value;
		return (value) => compiled.test(value);
	}
	const needle = pattern.toLowerCase();
	return (value) => value.toLowerCase().includes(needle);
}

export function chooseCategory(record: Normalised, rules: MappingRules): CategoryChoice {
	const sources: Record<'title' | 'category' | 'skill', Found | undefined> = {
		title: pick(record.job, 'title'),
		category: pick(record.job, 'category'),
		skill: pick(record.job, 'skills'),
	};
	for (const [index, row] of rules.categoryTable.entries()) {
		const test = patternTest(row.pattern, index + 1);
		const kinds = row.match === 'any' ? (['title', 'category', 'skill'] as const) : ([row.match] as const);
		for (const kind of kinds) {
			const found = sources[kind];
			const value = text(found);
			if (found && value && test(value)) {
				return { code: row.code, because: `${found.field} "${value}" matched Category Table row ${index + 1} (${row.match} contains "${row.pattern}")` };
			}
		}
	}
	if (rules.defaultCategoryCode !== '') {
		return { code: rules.defaultCategoryCode, because: 'no Category Table row matched; the Default Category Code was used' };
	}
	const title = sources.title ?? sources.category ?? sources.skill;
	throw new ValueError(
		title?.field ?? 'JOBTITLE / jobTitle',
		title?.value,
		'matches no row of the Category Table and no Default Category Code is set',
		'Add a Category Table row whose pattern matches this title/category/skill, or set a Default Category Code (a code approved in your 1099Policy dashboard).',
	);
}
