import { sleep, sleepWithAbort } from 'n8n-workflow';
import type { Sleep } from '../../src/util/transport';

/**
 * n8n's wait for the clients' retries and deadlines. `sleepWithAbort` (n8n-workflow 2.8) lets a deadline's timer be
 * cancelled as soon as the answer arrives; the host's n8n-workflow decides what exists at run time, and n8n 2.40's has
 * only `sleep` — there the deadline's timer simply runs out on its own.
 */
export const nodeSleep: Sleep = (ms, signal) => ((sleepWithAbort as Sleep | undefined) ?? sleep)(ms, signal);
