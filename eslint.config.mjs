// Lints the published code (nodes/, credentials/, src/) and package.json with n8n's community-nodes rules,
// all of them, none switched off. Tests and tooling are not shipped and are not linted by these rules.
import tseslint from 'typescript-eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '.cache/**', 'templates/**'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'src/**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json' } },
		...n8nCommunityNodesPlugin.configs.recommended,
		rules: {
			...n8nCommunityNodesPlugin.configs.recommended.rules,
			// Promote the plugin's warnings to errors so nothing slips through CI.
			'@n8n/community-nodes/icon-prefer-themed-variants': 'error',
			'@n8n/community-nodes/resource-operation-pattern': 'error',
			'@n8n/community-nodes/node-registration-complete': 'error',
			'@n8n/community-nodes/require-files-array': 'error',
			'@n8n/community-nodes/require-homepage': 'error',
			'@n8n/community-nodes/no-dead-files': 'error',
			'@n8n/community-nodes/credential-unnecessary-password': 'error',
			'no-console': 'error',
		},
	},
	{
		// src/ is the n8n-free layer (it must not import n8n-workflow), so it cannot throw NodeApiError; it throws
		// its own typed errors and the node layer converts them (nodes/*/errors.ts). Node and credential code keep
		// the rule on.
		files: ['src/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
		...n8nCommunityNodesPlugin.configs.recommended,
	},
];
