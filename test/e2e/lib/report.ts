/* eslint-disable no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * The e2e run's tally: every assertion is a named check that passes or fails (a failure does not stop the
 * run, so one report shows everything that broke), and every phase prints how long it took.
 */
export class Report {
	passed = 0;
	failed = 0;
	readonly failures: string[] = [];

	constructor(private readonly prefix: string) {}

	check(name: string, ok: boolean, detail?: unknown): boolean {
		if (ok) {
			this.passed++;
			console.log(`  ok   ${this.prefix} ${name}`);
		} else {
			this.failed++;
			this.failures.push(`${this.prefix} ${name}`);
			console.log(`  FAIL ${this.prefix} ${name}${detail === undefined ? '' : `\n       ${describe(detail)}`}`);
		}
		return ok;
	}

	/** Checks actual === expected, printing both on a mismatch. */
	equal(name: string, actual: unknown, expected: unknown): boolean {
		const ok = JSON.stringify(actual) === JSON.stringify(expected);
		return this.check(name, ok, ok ? undefined : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
	}

	/** Runs one phase, prints its duration, and turns a thrown error into a failed check named after the phase. */
	async phase<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
		const started = Date.now();
		console.log(`\n▶ ${this.prefix} ${name}`);
		try {
			return await run();
		} catch (error) {
			this.check(`${name} (threw)`, false, error);
			return undefined;
		} finally {
			console.log(`  ⏱ ${this.prefix} ${name}: ${seconds(Date.now() - started)}`);
		}
	}
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

function describe(detail: unknown): string {
	if (detail instanceof Error) return detail.stack ?? detail.message;
	if (typeof detail === 'string') return detail;
	return JSON.stringify(detail);
}
