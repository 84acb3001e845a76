import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { FRONTLINE_VERSION: JSON.stringify('0.0.0-test') },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
