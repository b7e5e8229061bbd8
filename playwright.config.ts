import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Browsers cannot be downloaded here: use the system Chromium.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const port = 4173;
// The hostile-request run gets a server of its own: its thousand failed sign-ins would
// otherwise throttle every other test's sign-in from 127.0.0.1.
const hostilePort = 4174;
// A fresh embedded database per run (per server), seeded with the demo data on start.
// Workers evaluate this file again; the environment hands them the same folders.
const freshDir = (variable: string) => (process.env[variable] ??= mkdtempSync(join(tmpdir(), 'tsunagu-e2e-')));
const dataDir = freshDir('E2E_DATA_DIR');
const hostileDataDir = freshDir('E2E_HOSTILE_DATA_DIR');
const launchOptions = {
	executablePath: chromium,
	args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
};
const server = (listenOn: number, folder: string) => ({
	command: 'node scripts/serve.js',
	url: `http://127.0.0.1:${listenOn}/healthz`,
	env: { PORT: String(listenOn), HOST: '127.0.0.1', DATA_DIR: folder },
	reuseExistingServer: false,
	timeout: 120_000,
	stdout: 'pipe' as const
});

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
			testIgnore: /hostile-requests/,
			use: { ...devices['Desktop Chrome'], launchOptions }
		},
		{
			name: 'hostile',
			testMatch: /hostile-requests/,
			use: { ...devices['Desktop Chrome'], launchOptions, baseURL: `http://127.0.0.1:${hostilePort}` }
		}
	],
	webServer: [server(port, dataDir), server(hostilePort, hostileDataDir)]
});
