// Lint rules, including the process boundaries: core never imports Electron, the renderer
// never imports Node or main code, and nothing but the edge touches ipcRenderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['main/core/**/*.ts', 'main/web/**/*.ts', 'common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'main/core, main/web and common run without Electron; take an interface (port) instead.' },
            { name: 'electron-store', message: 'core receives its store through CoreOptions.openStore.' },
          ],
          patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'core must not depend on the UI.' }],
        },
      ],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', 'react', '**/main/**', '**/renderer/**'], message: 'common/ holds only the contract: no Node, DOM, Electron or app imports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to window.aide.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer is sandboxed: no Node modules.' },
            { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks only to window.aide (common/contract).' },
          ],
        },
      ],
    },
  },
);
