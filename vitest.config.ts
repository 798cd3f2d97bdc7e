import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// e2e tests drive real ptys; two cores cannot run many at once without timing noise.
		maxWorkers: 2,
		testTimeout: 20_000,
		hookTimeout: 30_000,
	},
});
