import { defineConfig } from 'vitest/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default defineConfig({
	// n8n's published packages ship source maps without sources; vite warns about each one.
	logLevel: 'error',
	test: {
		include: ['test/**/*.test.ts'],
		exclude: ['test/e2e/**', 'node_modules/**'],
		// n8n-core writes an encryption key under the user folder; keep it out of the real home directory.
		env: { N8N_USER_FOLDER: join(tmpdir(), 'n8n-nodes-ten99policy-test') },
		setupFiles: ['test/setup/freshProcessState.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
	},
});
