import { RecentKeys } from '../../src/util/recentKeys';

/**
 * Recent event IDs per trigger node, kept in this n8n process as well as in the workflow's static data.
 *
 * Why both: n8n does not reliably persist static data changed by a production webhook call — n8n 2.40 does not save
 * it at all, and n8n 2.8 saves whole static-data objects last-writer-wins, so near-simultaneous deliveries (1099Policy
 * sends several events when an application completes) overwrite each other's IDs. The in-process window closes both
 * gaps for the process that serves webhooks; static data still carries the IDs across restarts where n8n saves it.
 * Bounded: at most MAX_TRIGGERS trigger nodes are remembered (least recently used dropped first).
 */
const MAX_TRIGGERS = 200;
const windows = new Map<string, RecentKeys>();

export function recentEventIds(triggerKey: string, capacity: number, stored: unknown): RecentKeys {
	let window = windows.get(triggerKey);
	if (!window || window.capacity !== capacity) {
		window = RecentKeys.fromState(stored, capacity);
	} else {
		// Absorb IDs another process may have stored (queue mode with several webhook processes).
		window.absorb(stored);
	}
	windows.delete(triggerKey);
	windows.set(triggerKey, window);
	if (windows.size > MAX_TRIGGERS) windows.delete(windows.keys().next().value as string);
	return window;
}

/** For tests: forget every in-process window (as a restart of n8n would). */
export function forgetInProcessWindows(): void {
	windows.clear();
}
