/**
 * End-to-end tests: Debian's Chromium drives the app as `siglum serve` hands it to a
 * browser (tests/e2e/fixtures.ts starts one server per test on a fresh project).
 * `npm run test:e2e` builds the renderer first.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Each test's `siglum serve` is the built command line: build it from these sources first.
  globalSetup: './tests/build-cli.setup.ts',
  // Two cores: one browser and one server per worker is what the machine holds.
  workers: 2,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env['CI'] ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env['SIGLUM_CHROMIUM'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
    trace: 'retain-on-failure',
  },
});
