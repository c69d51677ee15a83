/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import type { Report } from './report';

/** The value after `--<name>` on the command line. */
export function argument(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Prints every failure and the totals of these reports; 0 when all passed (and something ran), else 1. */
export function tally(reports: readonly Report[]): number {
	const passed = reports.reduce((n, r) => n + r.passed, 0);
	const failed = reports.reduce((n, r) => n + r.failed, 0);
	const failures = reports.flatMap((r) => r.failures);
	if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
	console.log(`\n${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

/**
 * Runs an e2e script's `main` and exits with its code. Ctrl-C and CI's SIGTERM become a normal exit, so the n8n
 * processes the run started are killed too; a crash counts as one failure.
 */
export function runScript(main: () => Promise<number>): void {
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
	main().then(
		(code) => process.exit(code),
		(error: unknown) => {
			console.error(error);
			console.log('\n0 passed, 1 failed');
			process.exit(1);
		},
	);
}
