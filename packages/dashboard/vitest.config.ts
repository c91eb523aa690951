import { defineConfig } from 'vitest/config';

/** Unit tests are pure (no DOM): fast, and they never pick up future browser suites. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
