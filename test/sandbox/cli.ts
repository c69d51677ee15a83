/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * `npm run sandbox [-- --port 4599] [--latency 25] [--rate-limit 10] [--burst 10]`: runs the 1099Policy sandbox until Ctrl-C.
 * Point the 1099Policy credential's Base URL at the printed URL; any API key works except ones containing "invalid".
 */
import type { FaultOptions } from './faults';
import { startSandbox } from './server';

export function parsePort(argv: readonly string[]): number {
	const index = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
	if (index === -1) return 4599;
	const text = argv[index].includes('=') ? argv[index].slice('--port='.length) : argv[index + 1];
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got "${text ?? ''}"`);
	return port;
}

/** `--latency ms`, `--rate-limit per-second` and `--burst n` (also as `--flag=value`): the start faults. */
export function parseFaultFlags(argv: readonly string[]): Partial<FaultOptions> {
	const flags = { '--latency': 'latencyMs', '--rate-limit': 'rateLimitPerSecond', '--burst': 'burst' } as const;
	const faults: Partial<FaultOptions> = {};
	for (const [flag, option] of Object.entries(flags)) {
		const index = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
		if (index === -1) continue;
		const text = argv[index].includes('=') ? argv[index].slice(flag.length + 1) : argv[index + 1];
		const value = Number(text);
		if (text === undefined || text.trim() === '' || !(value >= 0)) throw new Error(`${flag} must be a number ≥ 0, got "${text ?? ''}"`);
		faults[option] = value;
	}
	return faults;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const sandbox = await startSandbox({ port: parsePort(argv), faults: parseFaultFlags(argv) });
	console.log(`1099Policy sandbox listening on ${sandbox.url}`);
	console.log(`  API:   ${sandbox.url}/api/v1   (Authorization: Bearer <any key>)`);
	console.log(`  Admin: ${sandbox.url}/__sandbox/state   (clock: GET / POST {"advanceMs": N} ${sandbox.url}/__sandbox/clock)`);
	console.log(`  Faults and rate limit: GET / PUT ${sandbox.url}/__sandbox/faults   e.g. {"rateLimitPerSecond": 10, "burst": 10}`);
	const stop = () => void sandbox.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error((error as Error).message);
		process.exit(1);
	});
}
