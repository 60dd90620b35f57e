import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // TypeScript already checks every identifier (Node globals included); ESLint's copy only misfires.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read the environment once, in src/config/ (or the CLI entry), and pass config in.',
        },
      ],
    },
  },
  { files: ['src/config/**', 'src/cli/main.ts', 'tests/**', 'bench/**'], rules: { 'no-restricted-properties': 'off' } },
);
