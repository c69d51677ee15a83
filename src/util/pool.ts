/**
 * Runs `task` over `items` with at most `concurrency` in flight and returns results in input order, so n8n's
 * output items stay aligned with (and paired to) their inputs however the requests interleave. `concurrency` may be
 * a function (e.g. an adaptive limit): it is read again whenever an item finishes, so the number in flight follows
 * it — up at once, down as items finish. After a task fails no further item starts, and the first failure is thrown.
 */
export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	concurrency: number | (() => number),
	task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const limit = typeof concurrency === 'number' ? () => concurrency : concurrency;
	const results = new Array<R>(items.length);
	let next = 0;
	let running = 0;
	let failed = false;
	return await new Promise<R[]>((resolve, reject) => {
		const fill = (): void => {
			if (failed) return;
			if (next >= items.length && running === 0) return resolve(results);
			while (next < items.length && running < Math.max(1, limit())) {
				const index = next++;
				running++;
				task(items[index], index).then(
					(result) => {
						results[index] = result;
						running--;
						fill();
					},
					(error: unknown) => {
						failed = true;
						reject(error);
					},
				);
			}
		};
		fill();
	});
}
