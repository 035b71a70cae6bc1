import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './e2e/support/browser';

// Specs start their own `labvisor serve` (a built app: `npm run build` first) and use Debian's Chromium.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    launchOptions: CHROMIUM,
    viewport: { width: 1440, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  outputDir: 'test-results',
});
