import { ValueError } from '../util/valueError';
import { isValidZone } from './dates';
import { pick, text, type Found, type Normalised } from './normalise';
import type { MappingRules } from './schemas';
import { findState, type StateInfo } from './timezones';

/**
 * Where the work happens, and therefore which time zone JobDiva's zoneless dates are in. The worksite state is the
 * placement's work state (billing record `WORK_STATE`/`WORKING_STATE`), else the job's `STATE`, else, as the guide
 * says for `region` ("defaults to contractor region"), the candidate's `STATE`.
 */

export interface Worksite {
	found?: Found;
	state?: StateInfo;
	/** Whose state it is, for notes. */
	source?: 'placement' | 'job' | 'candidate';
}

export function worksite(record: Normalised): Worksite {
	const options: [Found | undefined, Worksite['source']][] = [
		[pick(record.placement, 'workState'), 'placement'],
		[pick(record.job, 'state'), 'job'],
		[pick(record.candidate, 'state'), 'candidate'],
	];
	for (const [found, source] of options) {
		if (!found) continue;
		const state = findState(text(found));
		if (state) return { found, state, source };
	}
	const first = options.find(([found]) => found)?.[0];
	return first ? { found: first } : {};
}

export interface ZoneChoice {
	zone: string;
	because: string;
}

/** The zone for wall-clock dates: the Time Zone parameter, else the worksite state's zone, else the workflow's. */
export function chooseZone(record: Normalised, rules: MappingRules): ZoneChoice {
	if (rules.timeZone !== '') {
		if (!isValidZone(rules.timeZone)) {
			throw new ValueError('Time Zone', rules.timeZone, 'is not an IANA time zone', 'Enter a zone such as America/New_York, or leave it empty to use the worksite state.');
		}
		return { zone: rules.timeZone, because: 'the Time Zone parameter' };
	}
	const site = worksite(record);
	if (site.state && site.found) {
		const split = site.state.split ? `; ${site.state.name} spans zones (${site.state.split}), its majority zone was used — set Time Zone to override` : '';
		return { zone: site.state.zone, because: `worksite state ${site.found.field} "${text(site.found)}" (${site.source})${split}` };
	}
	const zone = isValidZone(rules.fallbackTimeZone) ? rules.fallbackTimeZone : 'UTC';
	return {
		zone,
		because: site.found
			? `${site.found.field} "${text(site.found)}" is not a US state, so the workflow time zone was used`
			: 'no worksite state on the item, so the workflow time zone was used',
	};
}
