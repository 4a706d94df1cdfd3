// SPDX-License-Identifier: AGPL-3.0-or-later
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layering of STYLE.md, enforced: one door per primitive.
const cryptoOnly = ['openpgp', 'hash-wasm', '@noble/hashes', '@noble/hashes/*', 'pkijs', 'asn1js'];
const restrictedFor = (names, message) => ({
  'no-restricted-imports': ['error', { paths: [], patterns: [{ group: names, message }] }],
});
const subtleBan = {
  'no-restricted-properties': [
    'error',
    { object: 'crypto', property: 'subtle', message: 'Only lib/crypto/ may use WebCrypto.' },
    {
      object: 'crypto',
      property: 'getRandomValues',
      message: 'Only lib/crypto/ draws randomness.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'tests/fixtures/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: [
      'lib/**/*.ts',
      'entrypoints/**/*.{ts,tsx}',
      'components/**/*.{ts,tsx}',
      'scripts/**/*.ts',
    ],
    ignores: ['lib/crypto/**'],
    rules: subtleBan,
  },
  {
    files: ['lib/**/*.ts', 'entrypoints/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    ignores: ['lib/crypto/**', 'lib/vault/**'],
    rules: restrictedFor(
      [...cryptoOnly, 'dexie'],
      'Only lib/crypto/ imports crypto libraries; only lib/vault/ imports Dexie.',
    ),
  },
  {
    files: ['lib/vault/**/*.ts'],
    rules: restrictedFor(cryptoOnly, 'Only lib/crypto/ may import crypto libraries.'),
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: restrictedFor(
      [
        ...cryptoOnly,
        'dexie',
        '**/lib/crypto',
        '**/lib/crypto/*',
        '**/lib/vault',
        '**/lib/vault/*',
      ],
      'Components talk to the background through lib/messaging only.',
    ),
  },
  {
    // No message names as string literals outside the protocol.
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='sendMessage'][arguments.0.type='ObjectExpression']",
          message: 'Send messages through lib/messaging/client.',
        },
      ],
    },
  },
);
