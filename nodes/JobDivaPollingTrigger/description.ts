import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_SEEN_LIMIT } from '../../src/jobdiva/polling';
import { JOBDIVA_MAX_RETRIES_OPTION, JOBDIVA_TIME_ZONE_OPTION } from '../shared/jobDivaOptions';

export const POLLING_PROPERTIES: INodeProperties[] = [
	{
		displayName:
			'Each poll reads the new and updated hires since the previous poll (in windows of at most 14 days) and emits every new version of a hire record once. A manual test shows recent hires without moving the position.',
		name: 'pollNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Hires',
		name: 'hireFeed',
		type: 'options',
		default: 'both',
		options: [
			{ name: 'New and Updated', value: 'both', description: 'NewHires and UpdatedHires' },
			{ name: 'New', value: 'new', description: 'NewHires only' },
			{ name: 'Updated', value: 'updated', description: 'UpdatedHires only' },
		],
	},
	{
		displayName: 'Start From',
		name: 'startAt',
		type: 'dateTime',
		default: '',
		description:
			'First poll only: read hires changed since this moment. Empty starts from the first poll itself (only later changes are emitted). Later polls continue where the previous one ended.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			JOBDIVA_TIME_ZONE_OPTION,
			JOBDIVA_MAX_RETRIES_OPTION,
			{
				displayName: 'Overlap (Minutes)',
				name: 'overlapMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1440 },
				default: 10,
				description:
					'Each poll starts this long before the previous one ended, to catch changes JobDiva stamps slightly late. Records already emitted are not emitted again.',
			},
			{
				displayName: 'Remembered Records',
				name: 'seenLimit',
				type: 'number',
				typeOptions: { minValue: 100, maxValue: 100000 },
				default: DEFAULT_SEEN_LIMIT,
				description: 'How many emitted record versions are remembered to avoid emitting them twice; keep it above the number of hires changed in one overlap',
			},
			{
				displayName: 'Test Sample Days',
				name: 'sampleDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 14 },
				default: 14,
				description: 'Manual test runs show hires changed in this many recent days',
			},
			{
				displayName: 'Test Sample Size',
				name: 'sampleSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 10,
				description: 'Manual test runs show at most this many hires (the most recent)',
			},
		],
	},
];
