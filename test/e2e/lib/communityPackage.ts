/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-unused-expressions -- test and tooling code: runs in Node, not in n8n, so n8n's rules for node code do not apply */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-ten99policy';

/**
 * Installs the packed package into `<n8nFolder>/nodes` exactly the way n8n's CommunityPackagesService
 * (modules/community-packages/community-packages.service.js, downloadPackage) does after `npm pack <name>@<version>`:
 *   1. extract the tarball into nodes/node_modules/<name> with --strip-components=1,
 *   2. drop devDependencies, peerDependencies and optionalDependencies from the package's package.json,
 *   3. `npm install` inside the package folder with n8n's flags (no bin links, shallow, no scripts),
 *   4. record the dependency in nodes/package.json (created as {name: "installed-nodes", private, dependencies}).
 * On start, n8n scans nodes/node_modules for `n8n-nodes-*` folders (the community-packages module's loadDir)
 * and loads each with LazyPackageDirectoryLoader, so no database row is needed.
 */
export function installCommunityPackage(n8nFolder: string, tarball: string, env: NodeJS.ProcessEnv): string {
	const nodesDir = join(n8nFolder, 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

	const packageJsonPath = join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
	void devDependencies, void peerDependencies, void optionalDependencies;
	writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));

	// The package has no runtime dependencies, so this touches no registry; it is run anyway because n8n runs it.
	execFileSync('npm', ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--loglevel=error'], {
		cwd: packageDir,
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
	});

	const dependencies = { [PACKAGE_NAME]: packageJson.version as string };
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies }, null, 2));
	return packageDir;
}
