import { afterEach, describe, expect, it } from 'vitest';
import { supabaseDir } from '../../src/lib/server/db/open.ts';
import { migrate, MigrationChecksumError, readMigrationFiles } from '../../src/lib/server/db/migrate.ts';
import { openPglite } from '../../src/lib/server/db/pglite.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import type { SqlDriver } from '../../src/lib/server/db/sql-driver.ts';
import { freshPostgresDatabase, sqlBackendCases } from './harness.ts';

const files = () => readMigrationFiles(supabaseDir());

async function emptyDatabase(name: string): Promise<{ driver: SqlDriver; close(): Promise<void> }> {
	if (name === 'pglite') {
		const driver = await openPglite(null);
		return { driver, close: () => driver.close() };
	}
	const database = await freshPostgresDatabase();
	const driver = openPostgres(database.url, 2);
	return { driver, close: async () => { await driver.close(); await database.drop(); } };
}

describe.each(sqlBackendCases)('the migration runner on $name', ({ name, available }) => {
	let db: Awaited<ReturnType<typeof emptyDatabase>> | undefined;
	afterEach(async () => {
		await db?.close();
		db = undefined;
	});

	it.skipIf(!available)('applies everything once, then nothing on the next start', async () => {
		db = await emptyDatabase(name);
		const first = await migrate(db.driver, files());
		expect(first).toEqual(files().map((f) => f.name));
		expect(await migrate(db.driver, files())).toEqual([]);
	});

	it.skipIf(!available)('refuses to start when an applied migration was changed', async () => {
		db = await emptyDatabase(name);
		await migrate(db.driver, files());
		const edited = files().map((f) =>
			f.name.endsWith('_sessions.sql') ? { ...f, sql: f.sql.replace('capacity between 1 and 500', 'capacity between 1 and 900') } : f
		);
		const attempt = migrate(db.driver, edited);
		await expect(attempt).rejects.toBeInstanceOf(MigrationChecksumError);
		await expect(attempt).rejects.toThrow(/migrations\/\d+_sessions\.sql was changed after it was applied.*new migration/);
	});

	it.skipIf(!available)('applies a new migration in one transaction: a failing one leaves no trace', async () => {
		db = await emptyDatabase(name);
		await migrate(db.driver, files());
		const broken = { name: 'migrations/29990101000000_broken.sql', sql: 'create table public.half_done (id int);\nselect 1/0;' };
		await expect(migrate(db.driver, [...files(), broken])).rejects.toThrow(/division by zero/);
		const rows = await db.driver.transaction((tx) =>
			tx.query(`select to_regclass('public.half_done') as t, (select count(*) from tsunagu_meta.schema_migrations where name = $1)::int as n`, [broken.name])
		);
		expect(rows).toEqual([{ t: null, n: 0 }]);
		const fixed = { ...broken, sql: 'create table public.half_done (id int);\nalter table public.half_done enable row level security;' };
		expect(await migrate(db.driver, [...files(), fixed])).toEqual([fixed.name]);
	});

	it.skipIf(!available)('skips the compat auth schema where the database already has one', async () => {
		db = await emptyDatabase(name);
		await db.driver.transaction((tx) => tx.exec('create schema auth; create table auth.users (id uuid primary key, email text);'));
		const compat = files().filter((f) => f.name.startsWith('compat/00_'));
		await migrate(db.driver, compat);
		const [record] = await db.driver.transaction((tx) => tx.query('select skipped from tsunagu_meta.schema_migrations'));
		expect(record).toEqual({ skipped: true });
	});
});

// Only a server can have two processes migrating it at once (PGlite belongs to one).
describe('the migration runner on a shared PostgreSQL server', () => {
	it.skipIf(!process.env.TEST_DATABASE_URL)('lets two servers start at once: each file is applied exactly once', async () => {
		const database = await freshPostgresDatabase();
		const [a, b] = [openPostgres(database.url, 2), openPostgres(database.url, 2)];
		try {
			const [first, second] = await Promise.all([migrate(a, files()), migrate(b, files())]);
			expect([...first, ...second].sort()).toEqual(files().map((f) => f.name).sort());
		} finally {
			await a.close();
			await b.close();
			await database.drop();
		}
	});
});
