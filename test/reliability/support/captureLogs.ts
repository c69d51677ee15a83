/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy } from 'n8n-workflow';

/**
 * Captures every log line a run can write: the node's `this.logger` (n8n-core resolves it from the DI container as
 * `Logger` for each node execution), n8n's own `LoggerProxy`, and console output. Lines are kept as text with their
 * metadata serialised, so a test can search them for secrets.
 */
export interface LogCapture {
	lines: string[];
	restore(): void;
}

export function captureLogs(): LogCapture {
	const lines: string[] = [];
	const record = (level: string) => (message: unknown, meta?: unknown) =>
		void lines.push(`${level}: ${String(message)}${meta === undefined ? '' : ` ${safeStringify(meta)}`}`);
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => logger,
	};
	// Left in place after restore(): vitest runs each test file in its own process, and n8n has no logger to go back to.
	Container.set(Logger, logger as unknown as Logger);
	LoggerProxy.init(logger);

	const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const originals = consoleMethods.map((method) => console[method]);
	for (const method of consoleMethods) {
		console[method] = (...args: unknown[]) => void lines.push(`console.${method}: ${args.map(safeStringify).join(' ')}`);
	}
	return {
		lines,
		restore() {
			consoleMethods.forEach((method, index) => (console[method] = originals[index]));
		},
	};
}

/** JSON.stringify that survives cycles and keeps Error fields (message, stack, cause and own properties). */
export function safeStringify(value: unknown): string {
	if (typeof value === 'string') return value;
	const seen = new WeakSet<object>();
	try {
		return JSON.stringify(value, (_key, current: unknown) => {
			if (current instanceof Error) {
				const own = Object.fromEntries(Object.getOwnPropertyNames(current).map((name) => [name, (current as unknown as Record<string, unknown>)[name]]));
				return { ...own, name: current.name, message: current.message, stack: current.stack, cause: (current as { cause?: unknown }).cause };
			}
			if (current && typeof current === 'object') {
				if (seen.has(current)) return '[cycle]';
				seen.add(current);
			}
			if (typeof current === 'bigint') return String(current);
			return current;
		}) ?? String(value);
	} catch (error) {
		return `[unserialisable: ${(error as Error).message}]`;
	}
}
