/** The local 1099Policy sandbox: see README.md. */
export { startSandbox, type Sandbox, type SandboxOptions } from './server';
export type { DeliverEventInput } from './admin';
export type { FaultKind, FaultOptions } from './faults';
export type { WebhookOptions } from './webhooks';
export { signatureHeader } from './webhooks';
export { JOB_CATEGORIES, DEFAULT_INELIGIBLE_CATEGORIES, type JobCategory } from './categories';
export type { ApiObject, DeliveryLogEntry, Env, RequestLogEntry, SandboxState } from './types';
