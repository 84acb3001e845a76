import { defineConfig } from 'vitest/config';

const shared = {
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  define: { FRONTLINE_VERSION: JSON.stringify('0.0.0-test') },
  test: {
    pool: 'forks',
    projects: [
      { extends: true, test: { ...shared, name: 'unit', include: ['tests/**/*.test.{ts,tsx}'], exclude: ['tests/ui/**', 'tests/e2e/**', 'tests/integration/**'] } },
      // Ink decides at import time whether it runs under CI (no live redraws, only the
      // last frame): component tests run both ways so neither behaviour goes untested.
      { extends: true, test: { ...shared, name: 'ui CI=true', include: ['tests/ui/**/*.test.{ts,tsx}'], env: { CI: 'true' } } },
      { extends: true, test: { ...shared, name: 'ui CI=false', include: ['tests/ui/**/*.test.{ts,tsx}'], env: { CI: 'false' } } },
      { extends: true, test: { ...shared, name: 'e2e', include: ['tests/e2e/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'], testTimeout: 120_000 } },
    ],
  },
});
