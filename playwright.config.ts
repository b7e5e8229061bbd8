import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Browsers cannot be downloaded here: use the system Chromium.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const port = 4173;
// A fresh embedded database per run, seeded with the demo data on start.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'tsunagu-e2e-'));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? 'list' : 'line',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		locale: 'ja-JP',
		timezoneId: 'Asia/Tokyo',
		trace: 'off'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: chromium,
					args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
				}
			}
		}
	],
	webServer: {
		command: 'node scripts/serve.js',
		url: `http://127.0.0.1:${port}/healthz`,
		env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe'
	}
});
