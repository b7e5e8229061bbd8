// npm run backup [-- --out FILE]: every table of the configured database into one file a town
// can copy to a USB stick. The embedded database must not be in use (stop the server first);
// PostgreSQL is read in one snapshot while the server keeps serving.
import { closeSync, openSync, renameSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase, refuseSupabase } from './database.ts';
import { writeBackup } from '../src/lib/server/db/backup.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const stamp = new Date().toISOString().slice(0, 16).replace(/[T:]/g, '-');
const path = values.out ?? `tsunagu-backup-${stamp}.jsonl.gz`;
const partial = `${path}.partial`;

try {
	refuseSupabase('back up');
	const driver = await openDatabase({ mustExist: true });
	try {
		// Seniors' names and phone numbers are in it: readable by this account only.
		closeSync(openSync(partial, 'w', 0o600));
		const header = await writeBackup(driver, createWriteStream(partial));
		renameSync(partial, path);
		const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
		console.log(`Backed up ${rows} rows of ${header.tables.length} tables to ${path} (${Math.ceil(statSync(path).size / 1024)} KiB).`);
		console.log('It holds seniors’ names and phone numbers: keep it as you would the paper register.');
	} finally {
		await driver.close();
	}
} catch (error) {
	rmSync(partial, { force: true });
	console.error(`Backup failed: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}
