import type { INodeProperties } from 'n8n-workflow';

/** Options every node that reads JobDiva offers, worded once (the JobDiva node and the JobDiva Polling Trigger). */
export const JOBDIVA_TIME_ZONE_OPTION: INodeProperties = {
	displayName: 'JobDiva Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'America/New_York',
	description:
		'The time zone your JobDiva account works in: date ranges are sent to JobDiva as wall-clock times in this zone. Empty uses the workflow\'s time zone.',
};

export const JOBDIVA_MAX_RETRIES_OPTION: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 4,
	description: 'How many times a call answered 429 "Request Limit Exceeded" is retried, with growing random waits',
};
