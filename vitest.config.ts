import { defineConfig } from 'vitest/config';

// One project per package; test/<package>/ mirrors packages/<package>/src or apps/<package>/src.
const project = (name: string, extra: Record<string, unknown> = {}) => ({
  test: { name, include: [`test/${name}/**/*.test.ts`], ...extra },
});

export default defineConfig({
  test: {
    projects: [
      project('rules'),
      project('client'),
      project('db'),
      project('collector'),
      project('trainer'),
      { test: { name: 'repo', include: ['test/*.test.ts'] } },
    ],
  },
});
