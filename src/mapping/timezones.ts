/**
 * US states (and DC, territories) → 2-letter code and IANA time zone. Used to turn a worksite state into the
 * zone in which JobDiva's zoneless dates are read, and to normalise `STATE` values ("California", "ca", "CA")
 * into the 2-letter `region` 1099Policy expects.
 *
 * States that span two zones use the zone where most of their people live; `split` says so, and the mapping
 * output repeats it as a note so nobody is surprised (e.g. a Pensacola FL placement is read in New York time;
 * set the node's Time Zone parameter to override).
 */
export interface StateInfo {
	code: string;
	name: string;
	zone: string;
	/** Set for states spanning more than one zone: which other zone(s) exist there. */
	split?: string;
}

const STATES: readonly StateInfo[] = [
	{ code: 'AL', name: 'Alabama', zone: 'America/Chicago' },
	{ code: 'AK', name: 'Alaska', zone: 'America/Anchorage', split: 'the Aleutians west of 169°30′W use America/Adak' },
	{ code: 'AZ', name: 'Arizona', zone: 'America/Phoenix', split: 'the Navajo Nation observes DST (America/Denver)' },
	{ code: 'AR', name: 'Arkansas', zone: 'America/Chicago' },
	{ code: 'CA', name: 'California', zone: 'America/Los_Angeles' },
	{ code: 'CO', name: 'Colorado', zone: 'America/Denver' },
	{ code: 'CT', name: 'Connecticut', zone: 'America/New_York' },
	{ code: 'DE', name: 'Delaware', zone: 'America/New_York' },
	{ code: 'DC', name: 'District of Columbia', zone: 'America/New_York' },
	{ code: 'FL', name: 'Florida', zone: 'America/New_York', split: 'the western Panhandle uses America/Chicago' },
	{ code: 'GA', name: 'Georgia', zone: 'America/New_York' },
	{ code: 'HI', name: 'Hawaii', zone: 'Pacific/Honolulu' },
	{ code: 'ID', name: 'Idaho', zone: 'America/Boise', split: 'the northern Panhandle uses America/Los_Angeles' },
	{ code: 'IL', name: 'Illinois', zone: 'America/Chicago' },
	{ code: 'IN', name: 'Indiana', zone: 'America/Indiana/Indianapolis', split: 'the north-west and south-west corners use America/Chicago' },
	{ code: 'IA', name: 'Iowa', zone: 'America/Chicago' },
	{ code: 'KS', name: 'Kansas', zone: 'America/Chicago', split: 'four western counties use America/Denver' },
	{ code: 'KY', name: 'Kentucky', zone: 'America/New_York', split: 'the western half uses America/Chicago' },
	{ code: 'LA', name: 'Louisiana', zone: 'America/Chicago' },
	{ code: 'ME', name: 'Maine', zone: 'America/New_York' },
	{ code: 'MD', name: 'Maryland', zone: 'America/New_York' },
	{ code: 'MA', name: 'Massachusetts', zone: 'America/New_York' },
	{ code: 'MI', name: 'Michigan', zone: 'America/Detroit', split: 'four Upper Peninsula counties use America/Menominee' },
	{ code: 'MN', name: 'Minnesota', zone: 'America/Chicago' },
	{ code: 'MS', name: 'Mississippi', zone: 'America/Chicago' },
	{ code: 'MO', name: 'Missouri', zone: 'America/Chicago' },
	{ code: 'MT', name: 'Montana', zone: 'America/Denver' },
	{ code: 'NE', name: 'Nebraska', zone: 'America/Chicago', split: 'the western Panhandle uses America/Denver' },
	{ code: 'NV', name: 'Nevada', zone: 'America/Los_Angeles', split: 'West Wendover uses America/Denver' },
	{ code: 'NH', name: 'New Hampshire', zone: 'America/New_York' },
	{ code: 'NJ', name: 'New Jersey', zone: 'America/New_York' },
	{ code: 'NM', name: 'New Mexico', zone: 'America/Denver' },
	{ code: 'NY', name: 'New York', zone: 'America/New_York' },
	{ code: 'NC', name: 'North Carolina', zone: 'America/New_York' },
	{ code: 'ND', name: 'North Dakota', zone: 'America/Chicago', split: 'the south-west uses America/Denver' },
	{ code: 'OH', name: 'Ohio', zone: 'America/New_York' },
	{ code: 'OK', name: 'Oklahoma', zone: 'America/Chicago' },
	{ code: 'OR', name: 'Oregon', zone: 'America/Los_Angeles', split: 'most of Malheur County uses America/Boise' },
	{ code: 'PA', name: 'Pennsylvania', zone: 'America/New_York' },
	{ code: 'RI', name: 'Rhode Island', zone: 'America/New_York' },
	{ code: 'SC', name: 'South Carolina', zone: 'America/New_York' },
	{ code: 'SD', name: 'South Dakota', zone: 'America/Chicago', split: 'the western half uses America/Denver' },
	{ code: 'TN', name: 'Tennessee', zone: 'America/Chicago', split: 'East Tennessee uses America/New_York' },
	{ code: 'TX', name: 'Texas', zone: 'America/Chicago', split: 'El Paso and Hudspeth counties use America/Denver' },
	{ code: 'UT', name: 'Utah', zone: 'America/Denver' },
	{ code: 'VT', name: 'Vermont', zone: 'America/New_York' },
	{ code: 'VA', name: 'Virginia', zone: 'America/New_York' },
	{ code: 'WA', name: 'Washington', zone: 'America/Los_Angeles' },
	{ code: 'WV', name: 'West Virginia', zone: 'America/New_York' },
	{ code: 'WI', name: 'Wisconsin', zone: 'America/Chicago' },
	{ code: 'WY', name: 'Wyoming', zone: 'America/Denver' },
	{ code: 'PR', name: 'Puerto Rico', zone: 'America/Puerto_Rico' },
	{ code: 'VI', name: 'U.S. Virgin Islands', zone: 'America/St_Thomas' },
	{ code: 'GU', name: 'Guam', zone: 'Pacific/Guam' },
	{ code: 'AS', name: 'American Samoa', zone: 'Pacific/Pago_Pago' },
	{ code: 'MP', name: 'Northern Mariana Islands', zone: 'Pacific/Saipan' },
];

const compact = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');

const BY_KEY = new Map<string, StateInfo>();
for (const state of STATES) {
	BY_KEY.set(compact(state.code), state);
	BY_KEY.set(compact(state.name), state);
}
BY_KEY.set('washingtondc', BY_KEY.get('dc') as StateInfo);
BY_KEY.set('virginislands', BY_KEY.get('vi') as StateInfo);

/** Looks a state up by 2-letter code or full name, in any case. Returns undefined for anything else (e.g. "Ontario"). */
export function findState(value: unknown): StateInfo | undefined {
	if (typeof value !== 'string') return undefined;
	const key = compact(value);
	return key === '' ? undefined : BY_KEY.get(key);
}

export const US_STATES: readonly StateInfo[] = STATES;
