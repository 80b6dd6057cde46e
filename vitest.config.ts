import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts', 'accuracy/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/__fixtures__/**', 'dist/**'],
    // Scratch trees go to one folder per run, removed at its end (test/scratch-tmpdir.ts).
    globalSetup: ['test/scratch-tmpdir.ts'],
    // The pack test builds a tarball and installs it; give it room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
