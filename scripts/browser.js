// Which Chromium the browser tests drive. Shared by ensure-browser.js (which installs one
// when none is found) and playwright.config.ts (which uses the one found).
import { accessSync, constants } from 'node:fs';
import { chromium } from '@playwright/test';

const systemChromiums = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** @param {string} path */
const runnable = (path) => {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
};

/**
 * The first usable Chromium: CHROMIUM_PATH, a system one, Playwright's own download.
 * `path` is undefined for Playwright's own (it finds that itself).
 * @returns {{ path: string | undefined, source: string } | null}
 */
export function findChromium(env = process.env) {
	if (env.CHROMIUM_PATH) {
		return runnable(env.CHROMIUM_PATH) ? { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' } : null;
	}
	const system = systemChromiums.find(runnable);
	if (system) return { path: system, source: 'the system' };
	if (runnable(chromium.executablePath())) return { path: undefined, source: "Playwright's own download" };
	return null;
}
