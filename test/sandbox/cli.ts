/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * `npm run sandbox [-- --port 4599]`: runs the 1099Policy sandbox until Ctrl-C.
 * Point the 1099Policy credential's Base URL at the printed URL; any API key works except ones containing "invalid".
 */
import { startSandbox } from './server';

export function parsePort(argv: readonly string[]): number {
	const index = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
	if (index === -1) return 4599;
	const text = argv[index].includes('=') ? argv[index].slice('--port='.length) : argv[index + 1];
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got "${text ?? ''}"`);
	return port;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({ port: parsePort(process.argv.slice(2)) });
	console.log(`1099Policy sandbox listening on ${sandbox.url}`);
	console.log(`  API:   ${sandbox.url}/api/v1   (Authorization: Bearer <any key>)`);
	console.log(`  Admin: ${sandbox.url}/__sandbox/state   (clock: GET / POST {"advanceMs": N} ${sandbox.url}/__sandbox/clock)`);
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
