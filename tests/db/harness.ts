// The database suite runs against every backend that is available here: PGlite always,
// PostgreSQL when TEST_DATABASE_URL is set, Supabase when TEST_SUPABASE_URL and keys are.
// Each test file gets a fresh database.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createClient } from '@supabase/supabase-js';
import { localAuth } from '../../src/lib/server/auth/local.ts';
import { supabaseAuth } from '../../src/lib/server/auth/supabase.ts';
import type { AccountAdmin } from '../../src/lib/server/auth/port.ts';
import { supabaseDir } from '../../src/lib/server/db/open.ts';
import { migrate, readMigrationFiles } from '../../src/lib/server/db/migrate.ts';
import { openPglite } from '../../src/lib/server/db/pglite.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import type { Backend, Caller } from '../../src/lib/server/db/port.ts';
import { actAs, sqlBackend } from '../../src/lib/server/db/sql-backend.ts';
import type { SqlDriver } from '../../src/lib/server/db/sql-driver.ts';
import { supabaseBackend } from '../../src/lib/server/db/supabase.ts';

export type Row = Record<string, unknown>;
export type Member = Extract<Caller, { role: 'authenticated' }>;

export interface TestDb {
	backend: Backend;
	accounts: AccountAdmin;
	/** A new signed-up account, ready to act as. */
	newUser(label: string): Promise<Member>;
	/** Rows of a public table the caller can see (RLS applies); `columns` for tables the caller reads only in part. */
	select(caller: Caller, table: string, match?: Row, columns?: string[]): Promise<Row[]>;
	/** Updates rows matching `match` as the caller; returns how many changed. */
	update(caller: Caller, table: string, match: Row, patch: Row): Promise<number>;
	/** Inserts as the caller; returns the error text, or null when it went in. */
	insert(caller: Caller, table: string, row: Row): Promise<string | null>;
	/** Plain SQL as the table owner, where the backend allows it (catalog checks). */
	sql?: (text: string, params?: unknown[]) => Promise<Row[]>;
	/** Plain SQL as the caller, the way a hostile client with a database connection would: the error text, or null. */
	attempt?: (caller: Caller, text: string) => Promise<string | null>;
	/** Plain SQL as the caller: its rows (throws when refused). */
	sqlAs?: (caller: Caller, text: string, params?: unknown[]) => Promise<Row[]>;
	driver?: SqlDriver;
	/** PostgreSQL: the database's address, for a test that needs a pool of its own. */
	url?: string;
	close(): Promise<void>;
}

export interface BackendCase {
	name: 'pglite' | 'postgres' | 'supabase';
	available: boolean;
	open(): Promise<TestDb>;
}

const ident = (name: string) => {
	if (!/^[a-z_]+$/.test(name)) throw new Error(`bad identifier ${name}`);
	return name;
};

function where(match: Row, offset: number) {
	const keys = Object.keys(match);
	return {
		text: keys.length ? 'where ' + keys.map((k, i) => `${ident(k)} = $${i + 1 + offset}`).join(' and ') : '',
		params: Object.values(match)
	};
}

function sqlTestDb(driver: SqlDriver, kind: 'pglite' | 'postgres', dispose: () => Promise<void>): TestDb {
	const backend = sqlBackend(kind, driver);
	const accounts = localAuth(backend);
	const asCaller = <T>(caller: Caller, text: string, params: unknown[]) =>
		driver.transaction(async (tx) => {
			await actAs(tx, caller);
			return tx.query<T>(text, params);
		});
	return {
		backend,
		accounts,
		driver,
		async newUser(label) {
			const user = await accounts.createIfMissing(`${label}-${randomUUID().slice(0, 8)}@test.example`, 'test-password-1');
			return { role: 'authenticated', id: user!.id, email: user!.email };
		},
		select: (caller, table, match = {}, columns) => {
			const w = where(match, 0);
			const list = columns ? columns.map(ident).join(', ') : '*';
			return asCaller<Row>(caller, `select ${list} from public.${ident(table)} ${w.text}`, w.params);
		},
		async update(caller, table, match, patch) {
			const sets = Object.keys(patch).map((k, i) => `${ident(k)} = $${i + 1}`).join(', ');
			const w = where(match, Object.keys(patch).length);
			const rows = await asCaller(caller, `update public.${ident(table)} set ${sets} ${w.text} returning 1`, [
				...Object.values(patch),
				...w.params
			]);
			return rows.length;
		},
		async insert(caller, table, row) {
			const keys = Object.keys(row).map(ident);
			try {
				await asCaller(caller, `insert into public.${ident(table)} (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
					Object.values(row).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v)));
				return null;
			} catch (error) {
				return (error as Error).message;
			}
		},
		sql: (text, params = []) => driver.transaction((tx) => tx.query<Row>(text, params)),
		sqlAs: (caller, text, params = []) => asCaller<Row>(caller, text, params),
		async attempt(caller, text) {
			try {
				await asCaller(caller, text, []);
				return null;
			} catch (error) {
				return (error as Error).message;
			}
		},
		async close() {
			await driver.close();
			await dispose();
		}
	};
}

export async function freshPglite(): Promise<TestDb> {
	const driver = await openPglite(null);
	await migrate(driver, readMigrationFiles(supabaseDir()));
	return sqlTestDb(driver, 'pglite', async () => {});
}

/** A new database on the TEST_DATABASE_URL server, dropped again on close. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	const adminUrl = process.env.TEST_DATABASE_URL!;
	const name = `tsunagu_test_${Date.now()}_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: adminUrl });
			await client.connect();
			await client.query(`drop database if exists ${name} with (force)`);
			await client.end();
		}
	};
}

export async function freshPostgres(): Promise<TestDb> {
	const database = await freshPostgresDatabase();
	const driver = openPostgres(database.url, 4);
	await migrate(driver, readMigrationFiles(supabaseDir()));
	return { ...sqlTestDb(driver, 'postgres', database.drop), url: database.url };
}

/** Supabase: migrations are applied by `supabase db push` beforehand; here only the API is used. */
export async function supabaseProject(): Promise<TestDb> {
	const settings = {
		url: process.env.TEST_SUPABASE_URL!,
		publishableKey: process.env.TEST_SUPABASE_PUBLISHABLE_KEY!,
		secretKey: process.env.TEST_SUPABASE_SECRET_KEY!
	};
	const backend = supabaseBackend(settings);
	const accounts = supabaseAuth(settings);
	const clientAs = (caller: Caller) =>
		createClient(settings.url, caller.role === 'service_role' ? settings.secretKey : settings.publishableKey, {
			auth: { persistSession: false },
			global: caller.role === 'authenticated' ? { headers: { Authorization: `Bearer ${caller.accessToken}` } } : {}
		});
	return {
		backend,
		accounts,
		async newUser(label) {
			const email = `${label}-${randomUUID().slice(0, 8)}@test.example`;
			const user = await accounts.createIfMissing(email, 'test-password-1');
			const { data, error } = await createClient(settings.url, settings.publishableKey, { auth: { persistSession: false } })
				.auth.signInWithPassword({ email, password: 'test-password-1' });
			if (error) throw error;
			return { role: 'authenticated', id: user!.id, email, accessToken: data.session.access_token };
		},
		async select(caller, table, match = {}, columns) {
			const { data, error } = await clientAs(caller).from(table).select(columns?.join(',') ?? '*').match(match);
			if (error) return [];
			return data as unknown as Row[];
		},
		async update(caller, table, match, patch) {
			const { data } = await clientAs(caller).from(table).update(patch).match(match).select();
			return data?.length ?? 0;
		},
		async insert(caller, table, row) {
			const { error } = await clientAs(caller).from(table).insert(row);
			return error?.message ?? null;
		},
		close: async () => {}
	};
}

export const backendCases: BackendCase[] = [
	{ name: 'pglite', available: true, open: freshPglite },
	{ name: 'postgres', available: !!process.env.TEST_DATABASE_URL, open: freshPostgres },
	{
		name: 'supabase',
		available: !!(process.env.TEST_SUPABASE_URL && process.env.TEST_SUPABASE_PUBLISHABLE_KEY && process.env.TEST_SUPABASE_SECRET_KEY),
		open: supabaseProject
	}
];

export const sqlBackendCases = backendCases.filter((c) => c.name !== 'supabase');
