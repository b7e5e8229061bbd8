import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDriver } from './sql-driver.ts';

export interface MigrationFile {
	name: string;
	sql: string;
	/** Applied only where the database lacks an `auth` schema of its own. */
	onlyWithoutAuthSchema?: boolean;
}

export class MigrationChecksumError extends Error {
	constructor(name: string, recorded: string, current: string) {
		super(
			`Migration ${name} was changed after it was applied to this database ` +
				`(recorded sha256 ${recorded.slice(0, 12)}…, the file is now ${current.slice(0, 12)}…). ` +
				`Refusing to start. Restore the file as it was and put the change in a new migration.`
		);
		this.name = 'MigrationChecksumError';
	}
}

/** Held for each step, so that two servers starting together migrate one after the other. */
const migrationLock = 7431001;

/** What schema_migrations records for a file, to notice one changed after it was applied. */
export const checksumOf = (file: MigrationFile) => createHash('sha256').update(file.sql).digest('hex');

/** compat/ first (roles, auth schema, built-in accounts), then migrations/, each in name order. */
export function readMigrationFiles(supabaseDir: string): MigrationFile[] {
	const read = (folder: string) =>
		readdirSync(join(supabaseDir, folder))
			.filter((file) => file.endsWith('.sql'))
			.sort()
			.map((file) => ({ name: `${folder}/${file}`, sql: readFileSync(join(supabaseDir, folder, file), 'utf8') }));
	return [
		...read('compat').map((file) => ({ ...file, onlyWithoutAuthSchema: file.name.startsWith('compat/00_') })),
		...read('migrations')
	];
}

/**
 * Applies what has not been applied, each file in its own transaction together with its
 * record. An advisory lock keeps two starting servers from migrating at once.
 * Returns the names applied this time.
 */
export async function migrate(driver: SqlDriver, files: MigrationFile[]): Promise<string[]> {
	await driver.transaction(async (tx) => {
		// Under the lock too: `create schema if not exists` is not safe against a concurrent twin.
		await tx.query(`select pg_advisory_xact_lock(${migrationLock})`);
		await tx.exec(`
			create schema if not exists tsunagu_meta;
			create table if not exists tsunagu_meta.schema_migrations (
				name text primary key,
				checksum text not null,
				skipped boolean not null default false,
				applied_at timestamptz not null default now()
			);
			alter table tsunagu_meta.schema_migrations enable row level security;
		`);
	});
	const applied: string[] = [];
	for (const file of files) {
		const checksum = checksumOf(file);
		const done = await driver.transaction(async (tx) => {
			await tx.query(`select pg_advisory_xact_lock(${migrationLock})`);
			const [recorded] = await tx.query<{ checksum: string }>(
				`select checksum from tsunagu_meta.schema_migrations where name = $1`,
				[file.name]
			);
			if (recorded) {
				if (recorded.checksum !== checksum) throw new MigrationChecksumError(file.name, recorded.checksum, checksum);
				return false;
			}
			const [auth] = await tx.query<{ exists: boolean }>(`select to_regnamespace('auth') is not null as exists`);
			const skip = Boolean(file.onlyWithoutAuthSchema && auth?.exists);
			if (!skip) await tx.exec(file.sql);
			await tx.query(`insert into tsunagu_meta.schema_migrations (name, checksum, skipped) values ($1, $2, $3)`, [
				file.name,
				checksum,
				skip
			]);
			return true;
		});
		if (done) applied.push(file.name);
	}
	return applied;
}
