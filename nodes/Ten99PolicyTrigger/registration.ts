import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';
import { z } from 'zod';
import { ALL_EVENTS, registrationEvents, sameEventSelection } from '../../src/webhooks/filter';
import { ten99PolicyClient } from '../shared/ten99PolicyTransport';
import { isNotFound, toRegistrationError } from './errors';
import { registrationMode, selectedEvents } from './settings';
import { clearRegistration, triggerStaticData, type TriggerStaticData } from './staticData';

/**
 * The trigger's webhook lifecycle (n8n calls checkExists, then create when it answered false, and delete on
 * deactivation). Automatic mode registers an endpoint with 1099Policy; manual mode only keeps static data, since the
 * user made the endpoint in the dashboard and n8n holds no credential for it.
 */

/** Activation is interactive: retry a flaky request once or twice, do not keep the user waiting for minutes. */
const LIFECYCLE_CLIENT_OPTIONS = { maxRetries: 2 };

const createdEndpointSchema = z.object({ id: z.string().min(1), secret: z.string().min(1) }).passthrough();
const remoteEndpointSchema = z
	.object({ url: z.string().optional(), events: z.array(z.string()).nullish(), status: z.string().optional() })
	.passthrough();

export async function endpointExists(context: IHookFunctions): Promise<boolean> {
	const data = triggerStaticData(context);
	if (registrationMode(context) === 'manual') return manualRegistrationExists(data);
	if (!data.webhookId) return false;
	const url = nodeWebhookUrl(context);
	const events = selectedEvents(context);
	if (data.webhookUrl !== url && context.getMode() === 'manual') {
		// "Listen for test event" on an active workflow: the stored endpoint is the production one, which must keep
		// receiving events. Leave it alone and let n8n register a separate endpoint for the test URL.
		context.logger.info(`Registering a separate 1099Policy webhook endpoint for the test URL; ${data.webhookId} stays in place`);
		return false;
	}
	if (!data.webhookSecret || data.webhookUrl !== url || !sameEventSelection(data.events, events)) {
		// The endpoint no longer matches the node (new URL, other events, or no secret to verify with): remove it so
		// it stops sending, and let n8n create a fresh one.
		context.logger.info(`1099Policy webhook endpoint ${data.webhookId} is out of date; replacing it`);
		await deleteRemoteEndpoint(context, data);
		return false;
	}
	const client = await ten99PolicyClient(context, LIFECYCLE_CLIENT_OPTIONS);
	let remote: unknown;
	try {
		remote = await client.call('webhookEndpoint', 'get', { id: data.webhookId });
	} catch (error) {
		if (isNotFound(error)) {
			context.logger.info(`1099Policy webhook endpoint ${data.webhookId} no longer exists; creating a new one`);
			clearRegistration(data);
			return false;
		}
		throw toRegistrationError(context.getNode(), error, `check the 1099Policy webhook endpoint ${data.webhookId}`);
	}
	const endpoint = remoteEndpointSchema.safeParse(remote);
	const editedElsewhere =
		endpoint.success &&
		((endpoint.data.url !== undefined && endpoint.data.url !== url) ||
			(Array.isArray(endpoint.data.events) && !sameEventSelection(endpoint.data.events, events)));
	// A disabled endpoint receives nothing; 1099Policy (like Stripe) may disable one after repeated failures.
	const disabled = endpoint.success && endpoint.data.status !== undefined && endpoint.data.status !== 'enabled';
	if (editedElsewhere || disabled) {
		context.logger.info(`1099Policy webhook endpoint ${data.webhookId} was ${disabled ? 'disabled' : 'changed outside n8n'}; replacing it`);
		await deleteRemoteEndpoint(context, data);
		return false;
	}
	return true;
}

export async function createEndpoint(context: IHookFunctions): Promise<boolean> {
	const data = triggerStaticData(context);
	if (registrationMode(context) === 'manual') {
		warnAboutOrphan(context, data);
		clearRegistration(data);
		data.manualRegistration = true;
		return true;
	}
	const url = nodeWebhookUrl(context);
	const events = registrationEvents(selectedEvents(context));
	const fields: Record<string, unknown> = { url, description: endpointDescription(context) };
	// No events means every event to 1099Policy, so "All" leaves the field out rather than sending "*".
	if (events) fields.events = events;
	const client = await ten99PolicyClient(context, LIFECYCLE_CLIENT_OPTIONS);
	let created: unknown;
	try {
		// The client sends one idempotency key for all retries of this POST, so a retry cannot create two endpoints.
		// A fixed key per workflow would be wrong: 1099Policy replays the first answer for 24 h, i.e. an endpoint
		// deleted by an earlier deactivation.
		created = await client.call('webhookEndpoint', 'create', { fields });
	} catch (error) {
		throw toRegistrationError(context.getNode(), error, `register ${url} as a 1099Policy webhook endpoint`);
	}
	const endpoint = createdEndpointSchema.safeParse(created);
	if (!endpoint.success) {
		await removeUnusableEndpoint(context, created);
		throw new NodeOperationError(context.getNode(), '1099Policy created the webhook endpoint but returned no ID or signing secret', {
			description:
				'Without the secret no delivery can be verified. Delete the endpoint in the 1099Policy dashboard and use Registration: Manual with the secret shown there.',
		});
	}
	data.webhookId = endpoint.data.id;
	data.webhookSecret = endpoint.data.secret;
	data.webhookUrl = url;
	data.events = events ?? [ALL_EVENTS];
	delete data.manualRegistration;
	return true;
}

export async function deleteEndpoint(context: IHookFunctions): Promise<boolean> {
	const data = triggerStaticData(context);
	if (registrationMode(context) === 'manual') {
		warnAboutOrphan(context, data);
		clearRegistration(data);
		return true;
	}
	await deleteRemoteEndpoint(context, data);
	return true;
}

/** Deletes the stored endpoint. Only a 404 means "already gone"; anything else reaches the user. */
async function deleteRemoteEndpoint(context: IHookFunctions, data: TriggerStaticData): Promise<void> {
	const id = data.webhookId;
	if (id) {
		const client = await ten99PolicyClient(context, LIFECYCLE_CLIENT_OPTIONS);
		try {
			await client.call('webhookEndpoint', 'delete', { id });
		} catch (error) {
			if (!isNotFound(error)) {
				throw toRegistrationError(context.getNode(), error, `delete the 1099Policy webhook endpoint ${id}`);
			}
			context.logger.info(`1099Policy webhook endpoint ${id} was already deleted`);
		}
	}
	clearRegistration(data);
}

/** An endpoint created without a usable secret would deliver events no one can verify: take it away again. */
async function removeUnusableEndpoint(context: IHookFunctions, created: unknown): Promise<void> {
	const id = (created as { id?: unknown } | null)?.id;
	if (typeof id !== 'string' || id === '') return;
	try {
		const client = await ten99PolicyClient(context, LIFECYCLE_CLIENT_OPTIONS);
		await client.call('webhookEndpoint', 'delete', { id });
	} catch (error) {
		context.logger.warn(`Could not delete the 1099Policy webhook endpoint ${id} that came back without a secret: ${(error as Error).message}`);
	}
}

function manualRegistrationExists(data: TriggerStaticData): boolean {
	// An endpoint registered in automatic mode is not ours to manage any more: answer false so create() tidies up.
	return data.manualRegistration === true && !data.webhookId;
}

/** Switching to manual mode leaves an automatically created endpoint behind; the user should know where it is. */
function warnAboutOrphan(context: IHookFunctions, data: TriggerStaticData): void {
	if (data.webhookId) {
		context.logger.warn(
			`The 1099Policy webhook endpoint ${data.webhookId} was created in automatic mode and is no longer managed by this node; delete it in the 1099Policy dashboard if it is not needed`,
		);
	}
}

function nodeWebhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this node');
	return url;
}

function endpointDescription(context: IHookFunctions): string {
	const workflow = context.getWorkflow();
	const name = workflow.name ? `"${workflow.name}"` : `workflow ${workflow.id ?? ''}`.trim();
	return `n8n ${name}, node "${context.getNode().name}"`.slice(0, 250);
}
