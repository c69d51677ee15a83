/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { startJobDivaStandin, STANDIN_USER } from '.';

/**
 * Runs the stand-in on its own, e.g. to point a real n8n's JobDiva credential at it:
 *   node --import tsx test/jobdiva-standin/cli.ts [port]        (default 4600; JOBDIVA_STANDIN_PORT also works)
 */
async function main(): Promise<void> {
	const port = Number(process.argv[2] ?? process.env.JOBDIVA_STANDIN_PORT ?? 4600);
	const standin = await startJobDivaStandin({ port });
	process.stdout.write(
		[
			`JobDiva stand-in listening on ${standin.url}`,
			`Credential: Client ID ${STANDIN_USER.clientId}, Username ${STANDIN_USER.userName}, Password ${STANDIN_USER.password}, Base URL ${standin.url}`,
			`Admin: POST ${standin.url}/__standin/placements/<id>/change {startDate?, endDate?, payRate?, status?, email?} · /end · DELETE (see README.md)`,
			'Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	const stop = () => void standin.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
