/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { figure, heading, type BenchResult } from './report';

/**
 * Benchmark 4: the trigger's verification + normalisation (+ deduplication) per 5 KB event. It wraps the existing
 * test/bench/trigger.bench.ts, which runs itself when loaded, in a child process, and reads its median and p99.
 * The issue sets no target for this one: it is reported, not judged.
 */

const SCRIPT = join(__dirname, 'trigger.bench.ts');

export async function benchTrigger(): Promise<BenchResult> {
	heading('4. Trigger: signature verification + normalisation per 5 KB event');
	const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: join(__dirname, '../..') });
	const lines = stdout.trim().split('\n');
	console.log(`  ${lines[0]}`);
	const figures: string[] = [];
	for (const line of lines.slice(1)) {
		const match = /^(.*?)\s+median ([\d.]+) µs, p99 ([\d.]+) µs/.exec(line);
		if (!match) continue;
		figure(match[1].trim(), `median ${match[2]} µs, p99 ${match[3]} µs`);
		figures.push(`${match[1].includes('node') ? 'node webhook()' : 'src/webhooks'}: median ${match[2]} µs, p99 ${match[3]} µs`);
	}
	if (figures.length === 0) throw new Error(`trigger.bench.ts printed no figures:\n${stdout}`);
	return { name: 'trigger', judgements: [], note: figures.join('; ') };
}
