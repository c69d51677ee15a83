import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { EVENT_TYPES } from '../../src/ten99policy/events';
import { DEFAULT_DEDUPE_WINDOW } from '../../src/webhooks/dedupe';
import { ALL_EVENTS } from '../../src/webhooks/filter';
import { DEFAULT_TOLERANCE_SECONDS } from '../../src/webhooks/signature';
import { MAX_DEDUPE_WINDOW } from './settings';

const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'All', value: ALL_EVENTS, description: 'Every event 1099Policy sends' },
	...EVENT_TYPES.map((type) => ({
		name: type,
		value: type,
		description: type.includes('cancelled') ? `Also matches ${type.replace('cancelled', 'canceled')}` : undefined,
	})),
];

export const TRIGGER_PROPERTIES: INodeProperties[] = [
	{
		displayName: 'Registration',
		name: 'registration',
		type: 'options',
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description: 'Create the webhook endpoint in 1099Policy on activation and delete it on deactivation',
			},
			{
				name: 'Manual',
				value: 'manual',
				description: 'Use an endpoint you created in the 1099Policy dashboard and paste its signing secret',
			},
		],
		default: 'automatic',
	},
	{
		displayName:
			'In the 1099Policy dashboard, add a webhook endpoint whose URL is this node\'s Production URL (above), then paste the endpoint\'s signing secret below',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { registration: ['manual'] } },
	},
	{
		displayName: 'Signing Secret',
		name: 'signingSecret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'whsec_...',
		description: 'The signing secret of the endpoint, shown in the 1099Policy dashboard. Deliveries not signed with it are refused.',
		displayOptions: { show: { registration: ['manual'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		required: true,
		default: [ALL_EVENTS],
		description:
			'The events that start the workflow. Others are acknowledged and dropped. Both spellings, cancelled and canceled, are accepted.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Deduplication Window',
				name: 'dedupeWindowSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_DEDUPE_WINDOW },
				default: DEFAULT_DEDUPE_WINDOW,
				description:
					'How many recent event IDs to remember. An event whose ID is among them is a retry: it is acknowledged and not emitted again.',
			},
			{
				displayName: 'Signature Tolerance (Seconds)',
				name: 'toleranceSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_TOLERANCE_SECONDS,
				description:
					'How far the signature timestamp may be from this server\'s clock, either way. Older deliveries are refused as possible replays.',
			},
			{
				displayName: 'Skip Signature Verification (Local Testing Only)',
				name: 'skipSignatureVerification',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept deliveries without checking their signature. Unsafe: anyone who knows the URL could then forge events, e.g. mark a contractor insured. Use only against a local sandbox.',
			},
		],
	},
];
