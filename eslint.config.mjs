import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The client's types are generated from the OpenAPI document (npm run openapi:types) and checked against it by a test.
  // .run/ holds what test runs leave (screenshots, the offline library's test build).
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.run/', 'apps/web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../../*'], message: 'Use the @pendamping/<lib> path aliases.' }] },
      ],
    },
  },
  { files: ['scripts/**', 'test/**'], rules: { 'no-console': 'off' } },
  // The web client has no @pendamping libraries to import; its screens sit in folders of their own.
  { files: ['apps/web/src/**'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
