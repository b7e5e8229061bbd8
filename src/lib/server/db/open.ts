import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BackendConfig } from '../config.ts';
import type { Backend } from './port.ts';
import { migrate, readMigrationFiles } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { sqlBackend } from './sql-backend.ts';
import { supabaseBackend } from './supabase.ts';

/** The supabase/ folder of the project; npm runs every script from the project folder. */
export function supabaseDir(): string {
	const dir = resolve('supabase');
	if (!existsSync(resolve(dir, 'migrations'))) throw new Error(`Cannot find ${dir}/migrations; run from the project folder.`);
	return dir;
}

/**
 * Opens the configured backend. SQL backends are migrated on open; Supabase is migrated
 * with its own CLI (`supabase db push`), so nothing runs against it here.
 */
export async function openBackend(config: BackendConfig, log: (line: string) => void = () => {}): Promise<Backend> {
	if (config.kind === 'supabase') return supabaseBackend(config);
	const driver = config.kind === 'pglite' ? await openPglite(config.dataDir) : openPostgres(config.url);
	try {
		const applied = await migrate(driver, readMigrationFiles(supabaseDir()));
		if (applied.length > 0) log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
	} catch (error) {
		await driver.close();
		throw error;
	}
	return sqlBackend(config.kind, driver);
}
