import { pick, text, type Found, type Normalised } from './normalise';
import type { MappingRules } from './schemas';

/**
 * Per-client requirements: the Client Table maps a JobDiva company (COMPANYID or company name, matched
 * case-insensitively) to the coverage types its compliance requires and, optionally, the 1099Policy entity ID that
 * stands for it. Unknown clients get the Default Coverage Types (default `["general"]`) and the Default Entity.
 */

export interface ClientChoice {
	coverageTypes: MappingRules['defaultCoverageTypes'];
	entity: string;
	because: string;
}

export function chooseClient(record: Normalised, rules: MappingRules): ClientChoice {
	const candidates: Found[] = [];
	for (const found of [pick(record.placement, 'companyId'), pick(record.job, 'companyId'), pick(record.placement, 'companyName'), pick(record.job, 'companyName')]) {
		if (found !== undefined) candidates.push(found);
	}
	for (const found of candidates) {
		const value = (text(found) ?? '').toLowerCase();
		const row = clientRow(rules, value);
		if (row) {
			return {
				coverageTypes: row.coverageTypes,
				entity: row.entity !== '' ? row.entity : rules.defaultEntity,
				because: `${found.field} "${text(found)}" is in the Client Table`,
			};
		}
	}
	const company = candidates[0];
	return {
		coverageTypes: rules.defaultCoverageTypes,
		entity: rules.defaultEntity,
		because: company ? `${company.field} "${text(company)}" is not in the Client Table; defaults used` : 'no JobDiva company on the item; defaults used',
	};
}

/** The Client Table row for a company (ID or name, lower case), or undefined. */
function clientRow(rules: MappingRules, company: string): MappingRules['clientTable'][number] | undefined {
	for (const row of rules.clientTable) if (row.client.trim().toLowerCase() === company) return row;
	return undefined;
}

/**
 * The JobDiva client (company) of a job or placement, for the 1099Policy entity: `entity` is the configured entity ID
 * (Client Table or Default Entity) and empty when none is set, in which case a workflow can find or create the entity
 * by `name` (1099Policy → Entity → Find or Create), as the shipped template does.
 */
export interface ClientPart {
	companyId?: string;
	name?: string;
	entity: string;
	because: string;
}

export function clientPart(record: Normalised, rules: MappingRules): ClientPart {
	const choice = chooseClient(record, rules);
	const part: ClientPart = { entity: choice.entity, because: choice.because };
	const companyId = text(pick(record.placement, 'companyId') ?? pick(record.job, 'companyId'));
	const name = text(pick(record.placement, 'companyName') ?? pick(record.job, 'companyName'));
	if (companyId) part.companyId = companyId;
	if (name) part.name = name;
	return part;
}
