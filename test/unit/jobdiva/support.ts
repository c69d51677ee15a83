import { JobDivaClient } from '../../../src/jobdiva/client';
import { JobDivaSession } from '../../../src/jobdiva/session';
import { fetchTransport, STANDIN_USER, type JobDivaStandin } from '../../jobdiva-standin';

/** A JobDiva client logged in to the stand-in through `JobDivaSession`, with sleeps recorded instead of waited. */
export function standinClient(standin: JobDivaStandin, options: { maxRetries?: number; password?: string } = {}) {
	const sleeps: number[] = [];
	const session = new JobDivaSession({
		transport: fetchTransport,
		baseUrl: standin.url,
		login: { ...STANDIN_USER, password: options.password ?? STANDIN_USER.password },
	});
	const client = new JobDivaClient({
		transport: session.transport(),
		sleep: async (ms) => {
			sleeps.push(ms);
		},
		baseUrl: standin.url,
		maxRetries: options.maxRetries,
		random: () => 0.5,
		secrets: () => session.secrets(),
	});
	return { client, session, sleeps };
}

/** Stand-in requests to one path, in order. */
export const callsTo = (standin: JobDivaStandin, suffix: string) => standin.requestLog.filter((entry) => entry.path.endsWith(suffix));
