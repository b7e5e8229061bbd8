import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/lib/server/db/data-dir-lock.ts';

const lockModule = resolve('src/lib/server/db/data-dir-lock.ts');

/** Another process that holds DATA_DIR, as a running server would. */
async function holder(dataDir: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--input-type=module', '-e',
		`import { lockDataDir } from ${JSON.stringify(lockModule)}; lockDataDir(${JSON.stringify(dataDir)}); console.log('locked'); setInterval(() => {}, 1000);`
	], { stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise((ready) => child.stdout!.once('data', ready));
	return child;
}

describe('the embedded database belongs to one process', () => {
	let child: ChildProcess | undefined;
	afterEach(() => {
		child?.kill();
	});

	it('refuses a second process with a clear message', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-lock-'));
		child = await holder(dataDir);
		expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
		expect(() => lockDataDir(dataDir)).toThrow(`in use by another process (pid ${child.pid})`);
	});

	it('refuses the admin command while a server holds DATA_DIR, and leaves the data alone', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-lock-'));
		child = await holder(dataDir);
		const run = spawnSync(process.execPath, ['scripts/admin.ts', 'seed'], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('is in use by another process');
		expect(spawnSync('ls', [dataDir], { encoding: 'utf8' }).stdout.trim()).toBe('tsunagu.lock');
	});

	it('takes over a lock left by a process that died', () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-lock-'));
		const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
		writeFileSync(join(dataDir, 'tsunagu.lock'), dead.stdout.trim());
		const release = lockDataDir(dataDir);
		expect(() => release()).not.toThrow();
	});
});
