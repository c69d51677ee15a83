/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/** Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs` naming `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		await sleep(everyMs);
	}
	const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
