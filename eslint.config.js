import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const uiLibraries = ['ink', 'ink/*', 'react', 'react/*', 'react-dom'];
const clientLibraries = ['@kubernetes/client-node', '@kubernetes/client-node/*', 'dockerode', 'docker-modem'];
const noClientLibraries = {group: clientLibraries, message: 'src/ must not import client libraries: kview speaks HTTP to the API itself'};

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'coverage/', '.cache/']},
	js.configs.recommended,
	{
		files: ['**/*.ts', '**/*.tsx'],
		extends: [...tseslint.configs.strictTypeChecked],
		languageOptions: {
			parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname},
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/restrict-template-expressions': ['error', {allowNumber: true}],
			'@typescript-eslint/no-confusing-void-expression': 'off',
			'@typescript-eslint/no-unnecessary-condition': 'off',
			// Key tokens and prompt text are handled by code point on purpose.
			'@typescript-eslint/no-misused-spread': 'off',
			'@typescript-eslint/no-non-null-assertion': 'error',
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
		},
	},
	{
		// kview talks to the API server itself: a client library costs tens of MB of memory (client-node's auth providers).
		files: ['src/**'],
		rules: {'no-restricted-imports': ['error', {patterns: [noClientLibraries]}]},
	},
	{
		// Engine logic never imports UI: sources, store and model are tested with no renderer.
		files: ['src/sources/**', 'src/store/**', 'src/model/**', 'src/keys/**', 'src/config/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{patterns: [{group: uiLibraries, message: 'engine code must not import UI libraries'}, noClientLibraries]},
			],
		},
	},
	{
		files: ['test/**'],
		rules: {
			'@typescript-eslint/no-non-null-assertion': 'off',
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-member-access': 'off',
			'@typescript-eslint/no-unsafe-call': 'off',
			'@typescript-eslint/no-unsafe-argument': 'off',
		},
	},
	{
		files: ['**/*.js'],
		languageOptions: {globals: {...globals.node}},
	},
);
