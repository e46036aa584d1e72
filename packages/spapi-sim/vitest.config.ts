import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@spapi/spapi-sim',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
