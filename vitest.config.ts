import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `ratecheck` resolves to the TypeScript sources in tests (the catalog imports the package by name),
// so the engine under test and coverage are src/, never a stale dist/.
const src = (f: string) => fileURLToPath(new URL(`./src/${f}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^ratecheck$/, replacement: src('index.ts') },
      { find: /^ratecheck\/vitest$/, replacement: src('vitest.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'theorems/**/*.test.ts', 'properties/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 90, statements: 90, functions: 85, branches: 80 },
    },
  },
});
