// Before the browser tests: find a Chromium, or install one the way this machine allows.
// 1. one already there (CHROMIUM_PATH, the system's, Playwright's own);
// 2. Playwright's download, with its system libraries where we may install them;
// 3. the system package manager (Debian's chromium), where downloads are blocked.
// Says in one line what it did, or what the person must do.
import { spawnSync } from 'node:child_process';
import { findChromium } from './browser.js';

const quiet = { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' };
const run = (command, args, options = {}) => spawnSync(command, args, { ...quiet, ...options }).status === 0;
const asRoot = process.getuid?.() === 0;
const canSudo = !asRoot && run('sudo', ['-n', 'true']);
const privileged = (command, args) => (asRoot ? run(command, args) : canSudo && run('sudo', ['-n', command, ...args]));

const aptGet = (args) => {
	if (!run('sh', ['-c', 'command -v apt-get']) || !(asRoot || canSudo)) return false;
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	return asRoot ? run('apt-get', args, { env }) : run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]);
};

// The printed pages are checked from their pictures (tests/e2e/office-journey.spec.ts): without
// a Japanese font, Chromium draws every kana as an empty box. Installed when missing, where allowed.
function japaneseFont() {
	const has = () => (spawnSync('fc-list', [':lang=ja'], quiet).stdout ?? '').trim() !== '';
	if (has()) return 'a Japanese font is there';
	if (aptGet(['install', '-y', '-qq', 'fonts-ipafont-gothic']) || (aptGet(['update', '-qq']) && aptGet(['install', '-y', '-qq', 'fonts-ipafont-gothic']))) {
		if (has()) return "installed Debian's fonts-ipafont-gothic";
	}
	return 'no Japanese font (sudo apt-get install fonts-ipafont-gothic); the print checks will fail';
}

/** One line, then done: what was done, and which program the tests will drive. */
function report(what, found) {
	console.log(`Browser tests: ${what} (${found.path ?? 'Playwright finds it itself'}); ${japaneseFont()}.`);
	process.exit(0);
}

const found = findChromium();
if (found) report(`using the Chromium of ${found.source}`, found);
if (process.env.CHROMIUM_PATH) {
	console.error(`Browser tests: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not a program this user can run. Point it at Chromium, or unset it.`);
	process.exit(1);
}

if (run('npx', ['playwright', 'install', 'chromium'], { timeout: 300_000 })) {
	if (asRoot || canSudo) privileged('npx', ['playwright', 'install-deps', 'chromium']);
	const downloaded = findChromium();
	if (downloaded) report("downloaded Playwright's Chromium", downloaded);
}

if (aptGet(['update', '-qq']) && aptGet(['install', '-y', '-qq', 'chromium'])) {
	const installed = findChromium();
	if (installed) report("installed Debian's chromium package", installed);
}

console.error(
	'Browser tests: no Chromium found, and none could be installed here. Install one ' +
		'(Debian or Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to one, then run npm test again.'
);
process.exit(1);
