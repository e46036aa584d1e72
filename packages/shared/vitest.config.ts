import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@spapi/shared',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
