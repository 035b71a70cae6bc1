import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const testCode = ['main/**/*.test.ts', 'main/testing/**'];

const ourOwn = (dirs) =>
  dirs.map((d) => ({
    group: [`**/${d}/**`, `**/${d}`],
    message: `no imports from ${d}/ here (see docs/architecture.md)`,
  }));

const mainZones = ourOwn(['renderer', 'preload', 'lab', 'testing']);
const rendererZones = [
  ...ourOwn(['main', 'preload', 'lab']),
  { group: ['node:*', 'electron'], message: 'the renderer has no Node or Electron' },
];
// Features that drive machines depend on drivers (main) or on app/ and ui/ (renderer), never on each other.
const machineFeatures = ['power', 'bmc', 'virt', 'metrics', 'console'];
const notOtherFeatures = (feature) =>
  machineFeatures
    .filter((other) => other !== feature)
    .map((other) => ({
      group: [`**/features/${other}/**`, `../${other}/**`],
      message: `${feature} must not import the ${other} feature; share through drivers/, platform/, app/ or ui/ (docs/architecture.md)`,
    }));

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'bench-results/**',
      'test-results/**',
      'playwright-report/**',
      '.lab/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // bin/ is CommonJS (bin/package.json): the `labvisor` command starts without Node's ES module loader.
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The layering of docs/architecture.md, enforced: common imports nothing of ours; renderer and preload never
  // reach main; main never reaches renderer.
  {
    files: ['common/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ourOwn(['main', 'renderer', 'preload', 'lab']) }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Warns that the React Compiler skips components using TanStack Virtual; we do not use the compiler.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': ['error', { patterns: rendererZones }],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ourOwn(['main', 'renderer', 'lab']) }] },
  },
  {
    files: ['main/**/*.ts'],
    ignores: testCode,
    rules: { 'no-restricted-imports': ['error', { patterns: mainZones }] },
  },
  // Drivers (main/drivers/) are used by features and never import one; machine features never import each other.
  {
    files: ['main/drivers/**/*.ts'],
    ignores: testCode,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...mainZones,
            { group: ['**/features/**'], message: 'drivers never import features (docs/architecture.md)' },
          ],
        },
      ],
    },
  },
  ...machineFeatures.flatMap((feature) => [
    {
      files: [`main/features/${feature}/**/*.ts`],
      ignores: testCode,
      rules: { 'no-restricted-imports': ['error', { patterns: [...mainZones, ...notOtherFeatures(feature)] }] },
    },
    {
      files: [`renderer/src/features/${feature}/**/*.{ts,tsx}`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...rendererZones, ...notOtherFeatures(feature)] }] },
    },
  ]),
  // The test lab (`lab/`: real peers) and the service helpers for tests (`main/testing/`) serve tests, `e2e/`
  // and `bench/` only: production code in main, common, preload and renderer never imports them.
  {
    files: testCode,
    rules: { 'no-restricted-imports': ['error', { patterns: ourOwn(['renderer', 'preload']) }] },
  },
);
