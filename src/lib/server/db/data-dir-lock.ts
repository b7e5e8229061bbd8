import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
	constructor(dataDir: string, pid: number) {
		super(
			`The embedded database in ${dataDir} is in use by another process (pid ${pid}). ` +
				`Only one process may open it at a time: stop that process first ` +
				`(for example the running server), or point DATA_DIR elsewhere.`
		);
		this.name = 'DataDirLockedError';
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Claims DATA_DIR for this process with an exclusive lock file holding our pid.
 * A lock left by a process that has died is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
	mkdirSync(dataDir, { recursive: true });
	const path = join(dataDir, 'tsunagu.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeFileSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(path, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const pid = Number(readFileSync(path, 'utf8'));
			if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
				throw new DataDirLockedError(dataDir, pid);
			}
			rmSync(path, { force: true });
		}
	}
	throw new Error(`Could not lock ${dataDir}`);
}
