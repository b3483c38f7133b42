import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-artifacts/', 'dev-dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Only src/db talks to the database library; everything else goes through its hooks and operations.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/db/**', 'src/sync/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['rxdb', 'rxdb/*', 'dexie'], message: 'Only src/db and src/sync import rxdb or dexie.' }] }],
    },
  },
  {
    files: ['src/domain/**', 'src/protocol/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'rxdb', 'rxdb/*', 'dexie', 'zustand', '../db/*', '../sync/*', '../features/*', '../app/*'], message: 'domain and protocol are pure TypeScript shared with the server.' }] }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
