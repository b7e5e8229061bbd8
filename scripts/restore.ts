// npm run restore -- FILE [--replace]: puts a backup from `npm run backup` into the configured
// database (the embedded one or PostgreSQL, whichever made it). Stop the server first.
import { createReadStream, existsSync, renameSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase, pgliteDataDir, refuseSupabase } from './database.ts';
import { lockDataDir } from '../src/lib/server/db/data-dir-lock.ts';
import { readMigrationFiles } from '../src/lib/server/db/migrate.ts';
import { supabaseDir } from '../src/lib/server/db/open.ts';
import { restoreBackup } from '../src/lib/server/db/restore.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { replace: { type: 'boolean', default: false } } });
const file = positionals[0];
if (!file || positionals.length > 1) {
	console.error('Usage: npm run restore -- FILE [--replace]');
	process.exit(2);
}

let movedAside: { from: string; to: string } | null = null;
try {
	refuseSupabase('restore');
	if (!existsSync(file)) throw new Error(`There is no file ${file}.`);
	const dataDir = pgliteDataDir();
	if (dataDir && existsSync(`${dataDir}/PG_VERSION`)) {
		if (!values.replace) throw new Error(`${dataDir} already holds a database. Add --replace to put it aside (it is kept, renamed) and restore in its place.`);
		lockDataDir(dataDir)();
		movedAside = { from: dataDir, to: `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}` };
		renameSync(movedAside.from, movedAside.to);
	}
	const driver = await openDatabase({ mustExist: false });
	try {
		const summary = await restoreBackup(driver, createReadStream(file), readMigrationFiles(supabaseDir()), { replace: values.replace });
		console.log(`Restored ${summary.rows} rows of ${summary.tables} tables from ${file}.`);
		if (summary.upgradedWith.length) console.log(`Then applied ${summary.upgradedWith.length} newer migration(s): ${summary.upgradedWith.join(', ')}`);
		if (movedAside) console.log(`The database that was there is kept in ${movedAside.to}; delete it once all is well.`);
	} finally {
		await driver.close();
	}
} catch (error) {
	if (movedAside) {
		rmSync(movedAside.from, { recursive: true, force: true });
		renameSync(movedAside.to, movedAside.from);
	}
	console.error(`Restore failed: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}
