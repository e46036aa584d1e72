import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@spapi/server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
