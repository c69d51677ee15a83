import {
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { DateTime } from 'luxon';
import { checkZone, readDate } from '../../src/jobdiva/dates';
import { DEFAULT_SEEN_LIMIT, pollHires, sampleHires, type PollState } from '../../src/jobdiva/polling';
import type { HireFeed } from '../../src/jobdiva/operations';
import { toJobDivaNodeError } from '../JobDiva/errors';
import { jobDivaClient } from '../JobDiva/transport';
import { POLLING_PROPERTIES } from './description';

interface PollOptions {
	timeZone?: string;
	maxRetries?: number;
	overlapMinutes?: number;
	seenLimit?: number;
	sampleDays?: number;
	sampleSize?: number;
}

/** Static data of the polling trigger: the poll state (see src/jobdiva/polling.ts). Plain JSON. */
type PollStaticData = IDataObject & PollState;

export class JobDivaPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'JobDiva Polling Trigger',
		name: 'jobDivaPollingTrigger',
		icon: { light: 'file:jobDiva.svg', dark: 'file:jobDiva.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Hires: " + $parameter["hireFeed"]}}',
		description: 'Starts the workflow on new and updated JobDiva hires (starts), polled on a schedule, each change once',
		defaults: { name: 'JobDiva Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'jobDivaApi', required: true }],
		properties: POLLING_PROPERTIES,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as PollOptions;
		const zone = options.timeZone?.trim() || this.getTimezone();
		const feed = this.getNodeParameter('hireFeed', 'both') as HireFeed;
		try {
			const now = DateTime.now().setZone(checkZone(zone));
			const client = await jobDivaClient(this, { maxRetries: options.maxRetries ?? 4 });
			if (this.getMode() === 'manual') {
				// A test run shows recent hires and leaves the production position alone.
				const sample = await sampleHires(client, now, { zone, feed, days: options.sampleDays ?? 14, limit: options.sampleSize ?? 10 });
				return sample.length ? [this.helpers.returnJsonArray(sample as IDataObject[])] : null;
			}
			const data = this.getWorkflowStaticData('node') as PollStaticData;
			const startParameter = this.getNodeParameter('startAt', '') as string;
			const startAt = startParameter ? readDate(startParameter, 'Start From', zone) : now;
			const result = await pollHires(client, { cursor: data.cursor, seen: data.seen }, now, {
				startAt,
				overlapMinutes: options.overlapMinutes ?? 10,
				zone,
				feed,
				seenLimit: options.seenLimit ?? DEFAULT_SEEN_LIMIT,
			});
			// Only now, after every window was read, does the position move (n8n saves static data after the poll).
			data.cursor = result.state.cursor;
			data.seen = result.state.seen;
			return result.records.length ? [this.helpers.returnJsonArray(result.records as IDataObject[])] : null;
		} catch (error) {
			throw toJobDivaNodeError(this.getNode(), error);
		}
	}
}
