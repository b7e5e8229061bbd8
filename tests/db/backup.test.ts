// `npm run backup` and `npm run restore`: every row of every table, and every sequence,
// comes back the same on either SQL backend, whichever made the file (issue 8).
import { gunzipSync, gzipSync } from 'node:zlib';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../src/lib/server/db/backup.ts';
import { migrate, readMigrationFiles } from '../../src/lib/server/db/migrate.ts';
import { supabaseDir } from '../../src/lib/server/db/open.ts';
import { openPglite } from '../../src/lib/server/db/pglite.ts';
import { anon } from '../../src/lib/server/db/port.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import { restoreBackup, RestoreRefused } from '../../src/lib/server/db/restore.ts';
import { sqlBackend } from '../../src/lib/server/db/sql-backend.ts';
import type { SqlDriver } from '../../src/lib/server/db/sql-driver.ts';
import { seedDemoData } from '../../src/lib/server/seed/seed.ts';
import { tableContents } from '../table-contents.ts';
import { freshPglite, freshPostgres, freshPostgresDatabase, type TestDb } from './harness.ts';

const files = readMigrationFiles(supabaseDir());
const withPostgres = !!process.env.TEST_DATABASE_URL;
type Kind = 'pglite' | 'postgres';

/** A database never migrated, as a new DATA_DIR or `createdb` gives. */
async function emptyDatabase(kind: Kind): Promise<{ driver: SqlDriver; close(): Promise<void> }> {
	if (kind === 'pglite') {
		const driver = await openPglite(null);
		return { driver, close: () => driver.close() };
	}
	const database = await freshPostgresDatabase();
	const driver = openPostgres(database.url, 2);
	return { driver, close: async () => (await driver.close(), await database.drop()) };
}

async function backupOf(driver: SqlDriver): Promise<Buffer> {
	const chunks: Buffer[] = [];
	const sink = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
	await writeBackup(driver, sink);
	return Buffer.concat(chunks);
}

/** The demo data, and a row in each table the demo leaves empty, so that no table is checked vacuously. */
async function filledDatabase(kind: Kind): Promise<TestDb> {
	const db = kind === 'pglite' ? await freshPglite() : await freshPostgres();
	await seedDemoData(db.backend, db.accounts, new Date('2026-11-22T03:00:00Z'));
	await db.driver!.transaction((tx) => tx.exec(`
		insert into local_auth.sessions (token_hash, user_id, expires_at) select 'session-hash', id, now() + interval '1 day' from auth.users limit 1;
		insert into local_auth.password_resets (token_hash, user_id, expires_at, used_at) select 'reset-hash', id, now(), now() from auth.users limit 1;
		insert into local_auth.reset_requests (ip) values ('192.0.2.1');
		insert into local_auth.sign_in_attempts (email, ip, succeeded) values ('someone@example.jp', '192.0.2.1', false);
		insert into local_auth.sign_ups (ip) values ('192.0.2.2');
		insert into private.request_log (kind, requester) values ('code_miss', '192.0.2.3');
		insert into public.series (municipality_code, title, description) values ('072010', '初めてのスマホ「全3回」', E'改行も\\n"引用"も');
		insert into public.supporter_municipalities (supporter_id, municipality_code) select id, '072028' from public.supporters where municipality_code = '072010' limit 1;
		insert into private.supporter_calendar_tokens (supporter_id, token) select id, 'calendar-token-of-a-demo-supporter-0001' from public.supporters limit 1;
		insert into private.distinct_participants (a, b) select min(id::text)::uuid, max(id::text)::uuid from public.participants having count(*) > 1;
	`));
	return db;
}

const pairs: [Kind, Kind][] = withPostgres
	? [['pglite', 'pglite'], ['pglite', 'postgres'], ['postgres', 'pglite'], ['postgres', 'postgres']]
	: [['pglite', 'pglite']];

describe.each(pairs)('a backup from %s restored on %s', (from, to) => {
	let source: TestDb;
	let target: Awaited<ReturnType<typeof emptyDatabase>>;
	let file: Buffer;
	beforeAll(async () => {
		source = await filledDatabase(from);
		target = await emptyDatabase(to);
		file = await backupOf(source.driver!);
	}, 120_000);
	afterAll(async () => {
		await source?.close();
		await target?.close();
	});

	it('has every row of every table and every sequence where it was, checked row by row', async () => {
		const before = await tableContents(source.driver!);
		const empty = [...before].filter(([name, rows]) => !name.endsWith('_seq') && rows.length === 0).map(([name]) => name);
		expect(empty).toEqual([]);

		const summary = await restoreBackup(target.driver, Readable.from(file), files);
		expect(summary.upgradedWith).toEqual([]);
		const after = await tableContents(target.driver);
		expect([...after.keys()]).toEqual([...before.keys()]);
		for (const [name, rows] of before) expect(after.get(name), name).toEqual(rows);
		expect(summary.rows).toBe([...before].filter(([name]) => !name.endsWith('_seq')).reduce((sum, [, rows]) => sum + rows.length, 0));
	}, 120_000);

	it('serves the classes it served before, and numbers the next registration after the last', async () => {
		const query = { p_query: { page_size: 50 } };
		const app = sqlBackend(to, target.driver);
		expect(await app.as(anon).rpc('find_sessions', query)).toEqual(await source.backend.as(anon).rpc('find_sessions', query));
		const [next] = await target.driver.transaction((tx) => tx.query<{ n: string }>(`select nextval('public.registrations_queue_seq_seq') as n`));
		const [last] = await source.driver!.transaction((tx) => tx.query<{ n: string }>('select max(queue_seq) as n from public.registrations'));
		expect(Number(next!.n)).toBe(Number(last!.n) + 1);
	});
});

describe('restore refuses what it cannot put back whole, and changes nothing', () => {
	let source: TestDb;
	let file: Buffer;
	beforeAll(async () => {
		source = await filledDatabase('pglite');
		file = await backupOf(source.driver!);
	}, 120_000);
	afterAll(() => source?.close());

	const refusal = async (driver: SqlDriver, bytes: Buffer, options = {}) => {
		const error = await restoreBackup(driver, Readable.from(bytes), files, options).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RestoreRefused);
		return (error as Error).message;
	};
	const lines = () => gunzipSync(file).toString('utf8').split('\n');

	it('replaces data only when told to, and leaves it as it was when the file is cut short or altered', async () => {
		const target = await emptyDatabase('pglite');
		await restoreBackup(target.driver, Readable.from(file), files);
		const restored = await tableContents(target.driver);

		expect(await refusal(target.driver, file)).toMatch(/already holds data .*--replace/);
		expect(await refusal(target.driver, file.subarray(0, Math.floor(file.length * 0.6)), { replace: true })).toMatch(/cannot be read|ends early/);
		const all = lines();
		const cut = all.slice(0, Math.floor(all.length * 0.8)).join('\n') + '\n';
		expect(await refusal(target.driver, gzipSync(cut), { replace: true })).toMatch(/ends early/);
		const dropped = all.filter((line, i) => !(line.startsWith('[') && i === all.findLastIndex((l) => l.startsWith('['))));
		expect(await refusal(target.driver, gzipSync(dropped.join('\n')), { replace: true })).toMatch(/do not add up/);
		const garbled = all.map((line) => (line.includes('初めてのスマホ') ? line.replace('"title"', '"title":') : line));
		expect(await refusal(target.driver, gzipSync(garbled.join('\n')), { replace: true })).toMatch(/could not be loaded/);
		expect(await tableContents(target.driver)).toEqual(restored);

		await restoreBackup(target.driver, Readable.from(file), files, { replace: true });
		expect(await tableContents(target.driver)).toEqual(restored);
		await target.close();
	}, 120_000);

	it('says what a file is not: not a backup, from a newer version, or from a changed migration', async () => {
		const target = await emptyDatabase('pglite');
		expect(await refusal(target.driver, Buffer.from('name,phone\n'))).toMatch(/cannot be read/);
		expect(await refusal(target.driver, gzipSync('{"hello":1}\n'))).toMatch(/not a tsunagu backup/);
		const [head, ...rest] = lines();
		const header = JSON.parse(head!);
		const newer = { ...header, migrations: [...header.migrations, { name: 'migrations/29991231000000_future.sql', checksum: 'x' }] };
		expect(await refusal(target.driver, gzipSync([JSON.stringify(newer), ...rest].join('\n')))).toMatch(/newer version/);
		const changed = { ...header, migrations: header.migrations.map((m: { name: string }, i: number) => (i === 3 ? { ...m, checksum: 'x' } : m)) };
		expect(await refusal(target.driver, gzipSync([JSON.stringify(changed), ...rest].join('\n')))).toMatch(/differs from the one the backup was made with/);
		const [applied] = await target.driver.transaction((tx) => tx.query<{ t: string | null }>(`select to_regclass('tsunagu_meta.schema_migrations')::text as t`));
		expect(applied!.t).toBeNull();
		await target.close();
	}, 120_000);

	it('restores a backup made before the latest migrations, then applies them', async () => {
		const older = await openPglite(null);
		await migrate(older, files.slice(0, -2));
		await older.transaction((tx) => tx.exec(`insert into public.prefectures (code, local_government_code, name) values ('07', '070009', '福島県')`));
		const olderFile = await backupOf(older);
		const target = await emptyDatabase('pglite');
		const summary = await restoreBackup(target.driver, Readable.from(olderFile), files);
		expect(summary.upgradedWith).toEqual(files.slice(-2).map((f) => f.name));
		expect((await tableContents(target.driver)).get('public.prefectures')).toEqual((await tableContents(older)).get('public.prefectures'));
		await older.close();
		await target.close();
	}, 120_000);
});
