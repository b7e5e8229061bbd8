// Prepares a database at one scale: migrated, with the reference data, then the synthetic
// data of generate.sql, and returns what the load needs (ids, a code and its phone).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, readMigrationFiles } from '../src/lib/server/db/migrate.ts';
import { openPglite } from '../src/lib/server/db/pglite.ts';
import { openPostgres } from '../src/lib/server/db/postgres.ts';
import { localAuth } from '../src/lib/server/auth/local.ts';
import { generatePassword } from '../src/lib/server/auth/password.ts';
import { serviceRole } from '../src/lib/server/db/port.ts';
import { sqlBackend } from '../src/lib/server/db/sql-backend.ts';
import type { SqlDriver } from '../src/lib/server/db/sql-driver.ts';
import { seedReferenceData } from '../src/lib/server/seed/seed.ts';
import type { BackendName, Scale } from './scales.ts';

export interface Targets {
	municipality: string;
	sessionId: string;
	/** Upcoming published sessions the registration load spreads over. */
	openSessionIds: string[];
	code: string;
	phone: string;
	/** The prefecture admin the bench signs in as, for the staff pages. */
	admin: { id: string; email: string; password: string };
}

export interface Prepared {
	/** Environment for the server (DATABASE_URL or DATA_DIR). */
	env: Record<string, string>;
	loaded: Record<string, number>;
	loadSeconds: number;
	targets: Targets;
	/** A superuser connection, for plans and checks; closed by the caller. */
	open(): Promise<SqlDriver>;
	dispose(): Promise<void>;
}

const generator = readFileSync(new URL('./generate.sql', import.meta.url), 'utf8');

/** Fukushima's prefecture admin, made as `npm run admin -- create-prefecture-admin` makes one. */
async function addAdmin(driver: SqlDriver): Promise<Targets['admin']> {
	const [email, password] = ['admin@bench.example.jp', generatePassword()];
	const backend = sqlBackend('postgres', driver);
	const user = await localAuth(backend).createIfMissing(email, password);
	await backend.as(serviceRole).rpc('bootstrap_prefecture_admin', { p_email: email, p_prefecture_code: '07' });
	return { id: user!.id, email, password };
}

async function readTargets(driver: SqlDriver, scale: Scale): Promise<Targets> {
	const admin = await addAdmin(driver);
	return driver.transaction(async (tx) => {
		const town = scale.name === 'town' ? '072010' : '072044';
		const [session] = await tx.query<{ id: string }>(
			`select id from public.sessions where municipality_code = $1 and status = 'published' and starts_at > now() + interval '2 days'
			 order by starts_at limit 1`,
			[town]
		);
		const open = await tx.query<{ id: string }>(
			`select id from public.sessions where status = 'published' and starts_at > now() + interval '2 days'
			   and coalesce(registration_closes_at, starts_at) > now() + interval '1 day' order by starts_at, id limit 50`
		);
		const [registration] = await tx.query<{ code: string; phone: string }>(
			`select r.confirmation_code as code, p.phone from public.registrations r join public.participants p on p.id = r.participant_id
			 where r.session_id = any ($1) and r.confirmation_code is not null and r.status = 'confirmed' order by r.queue_seq limit 1`,
			[open.map((row) => row.id)]
		);
		return { municipality: town, sessionId: session!.id, openSessionIds: open.map((row) => row.id), code: registration!.code, phone: registration!.phone, admin };
	});
}

async function fill(driver: SqlDriver, scale: Scale) {
	await migrate(driver, readMigrationFiles('supabase'));
	await seedReferenceData(sqlBackend('postgres', driver));
	const started = performance.now();
	const [row] = await driver.transaction(async (tx) => {
		await tx.exec(generator);
		await tx.exec('set local session_replication_role = replica');
		return tx.query<{ loaded: Record<string, number> }>('select bench.generate($1) as loaded', [JSON.stringify(scale.generate)]);
	});
	return { loaded: row!.loaded, started };
}

export async function prepare(scale: Scale, backend: BackendName, postgresUrl: string, label = 'bench'): Promise<Prepared> {
	if (backend === 'pglite') {
		const dataDir = mkdtempSync(join(tmpdir(), `tsunagu-${label}-${scale.name}-`));
		const driver = await openPglite(dataDir);
		try {
			const { loaded, started } = await fill(driver, scale);
			await driver.transaction((tx) => tx.exec('analyze'));
			const loadSeconds = (performance.now() - started) / 1000;
			return {
				env: { DATA_DIR: dataDir },
				loaded,
				loadSeconds,
				targets: await readTargets(driver, scale),
				open: () => openPglite(dataDir),
				dispose: async () => rmSync(dataDir, { recursive: true, force: true })
			};
		} finally {
			await driver.close();
		}
	}

	const database = `tsunagu_${label}_${scale.name}`;
	const admin = new pg.Client({ connectionString: postgresUrl });
	await admin.connect();
	await admin.query(`drop database if exists ${database} with (force)`);
	await admin.query(`create database ${database}`);
	await admin.end();
	const url = new URL(postgresUrl);
	url.pathname = `/${database}`;
	const driver = openPostgres(url.href, 2);
	try {
		const { loaded, started } = await fill(driver, scale);
		// Outside a transaction: vacuum sets the visibility map, as autovacuum would by morning.
		const client = new pg.Client({ connectionString: url.href });
		await client.connect();
		await client.query('vacuum analyze');
		await client.end();
		const loadSeconds = (performance.now() - started) / 1000;
		return {
			env: { DATABASE_URL: url.href },
			loaded,
			loadSeconds,
			targets: await readTargets(driver, scale),
			open: async () => openPostgres(url.href, 2),
			dispose: async () => {
				const again = new pg.Client({ connectionString: postgresUrl });
				await again.connect();
				await again.query(`drop database if exists ${database} with (force)`);
				await again.end();
			}
		};
	} finally {
		await driver.close();
	}
}
