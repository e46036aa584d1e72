import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@spapi/spapi-models',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
