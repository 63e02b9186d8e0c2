// Two configs, split by folder.
//
// Product (everything n8n loads or reads: package.json, nodes/, credentials/, and any new source
// folder): n8n's default community-node config from @n8n/node-cli *with* n8n Cloud support, exactly
// what `n8n-node lint` applies in strict mode, plus one addition below (inline disables ignored).
//
// Tooling (test/, tools/, bench/, scripts/): tests, emulators, benchmarks and scripts that run on a
// developer's machine and are never packed. They need node:http, process and console, which the
// Cloud rules forbid, so they get typescript-eslint's recommended rules instead.
//
// Why package.json has "strict": false: strict mode requires this file to be the one-line template,
// and `n8n-node lint` runs `eslint .` from the package root, where ESLint 9 reads only this file
// (nested configs and .eslintignore are not read) and lints every **/*.ts under the Cloud rules,
// tooling included. Tooling cannot pass them, and silencing them file by file is no better.
import eslint from '@eslint/js';
import { config as n8nCommunityNodeConfig } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

const tooling = ['test/**', 'tools/**', 'bench/**', 'scripts/**'];

const isGlobalIgnore = (block) => Object.keys(block).every((key) => key === 'ignores' || key === 'name');

export default [
	// Scratch output of the scripts (packed copies of dist/ among them) is not source.
	{ ignores: ['.tmp/**'] },
	...n8nCommunityNodeConfig.map((block) =>
		isGlobalIgnore(block) ? block : { ...block, ignores: [...(block.ignores ?? []), ...tooling] },
	),
	// n8n's community-package scanner ignores inline eslint-disable comments, and so does this lint
	// for shipped code: a finding is fixed, never silenced.
	{ ignores: tooling, linterOptions: { noInlineConfig: true } },
	...tseslint.config({
		files: tooling.map((folder) => `${folder}/*.ts`),
		extends: [eslint.configs.recommended, tseslint.configs.recommended],
		rules: {
			'prefer-spread': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-non-null-assertion': 'off',
		},
	}),
];
