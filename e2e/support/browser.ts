import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium, never a downloaded browser; flags keep it from phoning home during tests. */
export const CHROMIUM: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
