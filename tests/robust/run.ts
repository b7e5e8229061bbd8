// npm run test:robust [-- --short] [--no-build]
// The server under faults, on a town's data: a crowd browsing, registering and cancelling at
// once on each SQL backend, then kill -9 in the middle of registering on the embedded
// database. Afterwards the database is checked by counting (invariants.ts): no class over
// capacity, counts exact, nobody waiting beside a free seat, and every registration whose
// confirmation was sent still there. What the crowd left is then backed up and restored into
// an empty database with `npm run backup` and `npm run restore`, and compared row by row.
// Exits non-zero on any failure. The short version is part of npm test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepare, type Prepared } from '../../bench/database.ts';
import { scales, type BackendName } from '../../bench/scales.ts';
import { startServer } from '../../bench/server.ts';
import { openPglite } from '../../src/lib/server/db/pglite.ts';
import { openPostgres } from '../../src/lib/server/db/postgres.ts';
import type { SqlDriver } from '../../src/lib/server/db/sql-driver.ts';
import { freshPostgresDatabase } from '../db/harness.ts';
import { changedTables, tableContents } from '../table-contents.ts';
import { broken, readInvariants, type Invariants } from './invariants.ts';
import { mixedLoad, newTally, register, type Tally } from './visitors.ts';

const { values } = parseArgs({ options: { short: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false } } });
const seconds = values.short ? 12 : 60;
const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL;
const backends: BackendName[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];
const failures: string[] = [];
const log = (line: string) => console.log(line);
const serverLog = (what: string) => join(tmpdir(), `tsunagu-robust-${what}-${process.pid}.log`);

function expectClean(what: string, tally: Tally, invariants: Invariants, extra: string[] = []) {
	const errors = Object.entries(tally.statuses).filter(([status]) => Number(status) >= 500);
	const problems = [
		...errors.map(([status, n]) => `${n} answers with status ${status}`),
		...(tally.leaks.length ? [`internal details in ${tally.leaks.length} answers, e.g. ${tally.leaks[0]}`] : []),
		...(broken(invariants) ? [`invariants broken: ${JSON.stringify(invariants)}`] : []),
		...extra
	];
	log(`${problems.length ? 'FAIL' : 'ok  '}  ${what}: ${JSON.stringify(tally.statuses)}, ${tally.registered.length} registered, ${tally.cancelled} cancelled; ${JSON.stringify(invariants)}`);
	for (const p of problems) failures.push(`${what}: ${p}`);
}

async function invariantsOf(prepared: Prepared) {
	const driver = await prepared.open();
	try {
		return await readInvariants(driver);
	} finally {
		await driver.close();
	}
}

/** An empty database of the kind given, as a town would restore into. */
async function emptyDatabase(backend: BackendName): Promise<{ env: Record<string, string>; open(): Promise<SqlDriver>; dispose(): Promise<void> }> {
	if (backend === 'pglite') {
		const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-restored-'));
		return { env: { DATA_DIR: dataDir }, open: () => openPglite(dataDir), dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
	}
	const database = await freshPostgresDatabase();
	return { env: { DATABASE_URL: database.url }, open: async () => openPostgres(database.url, 1), dispose: database.drop };
}

/** `npm run backup` of what the crowd left, `npm run restore` of it elsewhere: every row the same. */
async function backupRoundTrip(backend: BackendName, prepared: Prepared) {
	const file = join(tmpdir(), `tsunagu-robust-${backend}-${process.pid}.jsonl.gz`);
	const target = await emptyDatabase(backend);
	const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
	const run = (script: string, args: string[], env: Record<string, string>) =>
		execFileSync('node', [script, ...args], { env: { ...inherited, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
	try {
		run('scripts/backup.ts', ['--out', file], prepared.env);
		run('scripts/restore.ts', [file], target.env);
		const read = async (open: () => Promise<SqlDriver>) => {
			const driver = await open();
			try {
				return await tableContents(driver);
			} finally {
				await driver.close();
			}
		};
		const before = await read(() => prepared.open());
		const changed = changedTables(before, await read(target.open));
		const rows = [...before.values()].reduce((sum, r) => sum + r.length, 0);
		log(`${changed.length ? 'FAIL' : 'ok  '}  backup and restore on ${backend}: ${rows} rows in ${before.size} tables and sequences${changed.length ? `; differ: ${changed.join(', ')}` : ', all the same'}`);
		if (changed.length) failures.push(`backup and restore on ${backend}: ${changed.join(', ')}`);
	} finally {
		rmSync(file, { force: true });
		await target.dispose();
	}
}

async function crowd(backend: BackendName) {
	const prepared = await prepare(scales.town, backend, postgresUrl ?? '', 'robust');
	try {
		const server = await startServer(prepared.env, 3981, serverLog(`crowd-${backend}`));
		let tally: Tally;
		try {
			const t = prepared.targets;
			const pages = ['/', `/sessions?municipality=${t.municipality}`, `/m/${t.municipality}`, `/sessions/${t.sessionId}`, `/sessions?page=2`];
			// A few classes, so that they fill, people wait, and cancellations seat them.
			tally = await mixedLoad(server.origin, pages, t.openSessionIds.slice(0, 4), 50, seconds);
		} finally {
			await server.stop();
		}
		const extra = tally.unanswered ? [`${tally.unanswered} requests got no answer`] : [];
		if (!tally.registered.length || !tally.cancelled) extra.push('the load registered or cancelled nothing: it tested nothing');
		expectClean(`50 visitors for ${seconds} s on ${backend}`, tally, await invariantsOf(prepared), extra);
		await backupRoundTrip(backend, prepared);
	} finally {
		await prepared.dispose();
	}
}

async function crash() {
	const prepared = await prepare(scales.town, 'pglite', '', 'robust');
	try {
		const server = await startServer(prepared.env, 3982, serverLog('crash'));
		const tally = newTally();
		const sessions = prepared.targets.openSessionIds.slice(0, 3);
		let stop = false;
		const loops = Array.from({ length: 20 }, async (_, i) => {
			while (!stop) await register(server.origin, sessions[i % sessions.length]!, tally);
		});
		// Kill once registrations are flowing, in the middle of others being written.
		const deadline = Date.now() + 60_000;
		while (tally.registered.length < (values.short ? 40 : 200) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
		await server.kill();
		stop = true;
		await Promise.all(loops);

		// Starting again on the same folder: the stale lock is taken over, the database recovers.
		const again = await startServer(prepared.env, 3982, serverLog('crash-restart'));
		await again.stop();

		const driver = await prepared.open();
		let missing: string[] = [];
		let invariants: Invariants;
		try {
			const kept = await driver.transaction((tx) =>
				tx.query<{ code: string; phone: string }>(
					`select r.confirmation_code as code, p.phone from public.registrations r join public.participants p on p.id = r.participant_id
					 where r.confirmation_code = any ($1)`,
					[tally.registered.map((r) => r.code)]
				)
			);
			const found = new Set(kept.map((k) => `${k.code} ${k.phone}`));
			missing = tally.registered.filter((r) => !found.has(`${r.code} ${r.phone}`)).map((r) => r.code);
			invariants = await readInvariants(driver);
		} finally {
			await driver.close();
		}
		const extra = missing.length ? [`${missing.length} confirmed registrations lost, e.g. ${missing.slice(0, 3).join(', ')}`] : [];
		if (!tally.registered.length) extra.push('no registration went through before the kill: it tested nothing');
		// Requests cut off by the kill have no answer; that is the point. Only answers count.
		expectClean(`kill -9 during registrations (embedded), then restart`, tally, invariants, extra);
	} finally {
		await prepared.dispose();
	}
}

if (!values['no-build']) execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
for (const backend of backends) await crowd(backend);
await crash();
if (!postgresUrl) log('(TEST_DATABASE_URL is not set: PostgreSQL was not tried)');
if (failures.length) {
	console.error(`\nRobustness suite failed:\n  ${failures.join('\n  ')}`);
	process.exit(1);
}
log('\nRobustness suite passed.');
