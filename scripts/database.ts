// The configured SQL database, opened without migrating or seeding: for backup and restore.
import { existsSync } from 'node:fs';
import { readConfig } from '../src/lib/server/config.ts';
import { openPglite } from '../src/lib/server/db/pglite.ts';
import { openPostgres } from '../src/lib/server/db/postgres.ts';
import type { SqlDriver } from '../src/lib/server/db/sql-driver.ts';

const backend = () => readConfig(process.env).backend;

export function refuseSupabase(action: string) {
	if (backend().kind === 'supabase') throw new Error(`Supabase keeps its own backups (Dashboard → Database → Backups); this command does not ${action} it.`);
}

/** DATA_DIR of the embedded database, or null when PostgreSQL is configured. */
export const pgliteDataDir = () => {
	const config = backend();
	return config.kind === 'pglite' ? config.dataDir : null;
};

export async function openDatabase({ mustExist }: { mustExist: boolean }): Promise<SqlDriver> {
	const config = backend();
	if (config.kind === 'postgres') return openPostgres(config.url, 1);
	if (config.kind !== 'pglite' || !config.dataDir) throw new Error('Set DATA_DIR or DATABASE_URL.');
	if (mustExist && !existsSync(`${config.dataDir}/PG_VERSION`)) throw new Error(`There is no embedded database in ${config.dataDir} (set DATA_DIR to the folder the server uses).`);
	return openPglite(config.dataDir);
}
