/* eslint-disable no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
/**
 * What each benchmark returns and how run.ts prints it. A benchmark prints its own figures as it goes and returns
 * the ratios it is judged by; PASS/FAIL is only a verdict against the target, never an exit code.
 */

export interface Judgement {
	/** What is compared, e.g. "mapping time / JSON clone time". */
	label: string;
	/** The measured value, formatted with its unit. */
	value: string;
	/** The target, e.g. "≤ 3×". */
	target: string;
	pass: boolean;
}

export interface BenchResult {
	name: string;
	judgements: Judgement[];
	/** Extra context for the summary (e.g. "sandbox latency 25 ms"). */
	note?: string;
}

export function judge(label: string, value: string, target: string, pass: boolean): Judgement {
	const judgement = { label, value, target, pass };
	console.log(`  → ${label}: ${value} (target ${target}) ${pass ? 'PASS' : 'FAIL'}`);
	return judgement;
}

export function figure(label: string, value: string): void {
	console.log(`  ${label.padEnd(46)} ${value}`);
}

export function heading(text: string): void {
	console.log(`\n=== ${text} ===`);
}

export const ms = (value: number) => `${value.toFixed(0)} ms`;
export const ratio = (value: number) => `${value.toFixed(2)}×`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function summaryTable(results: BenchResult[]): string {
	const rows = results.flatMap((result) =>
		result.judgements.length === 0
			? [[result.name, 'reported (no target in the issue)', result.note ?? '', '—', '—']]
			: result.judgements.map((j) => [result.name, j.label, j.value, j.target, j.pass ? 'PASS' : 'FAIL']),
	);
	const header = ['benchmark', 'judged by', 'measured', 'target', 'verdict'];
	const widths = header.map((h, column) => Math.max(h.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
