import { createServer, type AddressInfo } from 'node:net';
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/browser.js';

/**
 * A port nobody listens on now. Workers read this file again; the environment hands them
 * the runner's choice.
 */
async function freePort(variable: string): Promise<number> {
	if (process.env[variable]) return Number(process.env[variable]);
	const port = await new Promise<number>((resolve, reject) => {
		const probe = createServer().on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
	process.env[variable] = String(port);
	return port;
}

const port = await freePort('E2E_PORT');
// The hostile-request run gets a server of its own: its thousand failed sign-ins would
// otherwise throttle every other test's sign-in from 127.0.0.1.
const hostilePort = await freePort('E2E_HOSTILE_PORT');
// And one without mail, where the sign-in page must say whom to ask.
const plainPort = await freePort('E2E_PLAIN_PORT');
// The main server sends mail here; tests/e2e/mailbox.ts listens while a test needs it.
const smtpPort = await freePort('E2E_SMTP_PORT');

// scripts/ensure-browser.js (run before these tests) has made sure there is one.
const launchOptions = {
	executablePath: findChromium()?.path,
	args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
};
const server = (listenOn: number, env: Record<string, string> = {}) => ({
	command: 'node tests/e2e/fresh-server.js',
	url: `http://127.0.0.1:${listenOn}/healthz`,
	env: { PORT: String(listenOn), HOST: '127.0.0.1', ...env },
	reuseExistingServer: false,
	timeout: 120_000,
	stdout: 'pipe' as const,
	gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 }
});

const mailTo = (siteOn: number) => ({
	SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
	MAIL_FROM: 'つなぐ <tsunagu@e2e.example>',
	ORIGIN: `http://127.0.0.1:${siteOn}`
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
			testIgnore: /hostile-requests|without-mail|code-lockout/,
			use: { ...devices['Desktop Chrome'], launchOptions }
		},
		{
			name: 'hostile',
			testMatch: /hostile-requests/,
			use: { ...devices['Desktop Chrome'], launchOptions, baseURL: `http://127.0.0.1:${hostilePort}` }
		},
		{
			name: 'without-mail',
			// Also the tests that lock 127.0.0.1 out for an hour, away from the main server.
			testMatch: /without-mail|code-lockout/,
			use: { ...devices['Desktop Chrome'], launchOptions, baseURL: `http://127.0.0.1:${plainPort}` }
		}
	],
	webServer: [
		server(port, mailTo(port)),
		// (The hostile run starts and stops its own, to read its database between phases.)
		server(plainPort)
	]
});
