import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { appliedMigrations, backupFormat, backupVersion, ourTables, type BackupHeader, type BackupLine } from './backup.ts';
import { checksumOf, migrate, type MigrationFile } from './migrate.ts';
import type { SqlDriver, SqlTx } from './sql-driver.ts';

/** A backup that cannot go into this database, with what to do instead. */
export class RestoreRefused extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RestoreRefused';
	}
}

export interface RestoreSummary {
	rows: number;
	tables: number;
	/** Migrations newer than the backup, applied after its rows went in. */
	upgradedWith: string[];
}

const rowsPerInsert = 500;

/**
 * Puts a backup's rows into the database behind `driver`: first brings an empty database
 * to the migrations the backup was made with, then loads every table in one transaction
 * (all or nothing; a cut-off or altered file changes nothing), then applies any newer
 * migrations, as an upgrade would. Data already there is replaced only when `replace`.
 */
export async function restoreBackup(
	driver: SqlDriver,
	input: Readable,
	files: MigrationFile[],
	{ replace = false } = {}
): Promise<RestoreSummary> {
	const gunzip = createGunzip();
	const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity })[Symbol.asyncIterator]();
	input.once('error', (error) => gunzip.destroy(error));
	const next = async (): Promise<string | null> => {
		try {
			const { value, done } = await lines.next();
			return done ? null : value;
		} catch (error) {
			throw new RestoreRefused(`The backup file cannot be read (${(error as Error).message}). Is it a tsunagu backup, copied whole?`);
		}
	};
	const header = parseHeader(await next());
	const backupFiles = filesOfBackup(header, files);

	const present = await driver.transaction((tx) => appliedMigrations(tx));
	const sameAsBackup = (list: typeof present) => list.every((m, i) => m.name === header.migrations[i]?.name && m.checksum === header.migrations[i]?.checksum);
	if (present.length > header.migrations.length || !sameAsBackup(present)) {
		throw new RestoreRefused(
			`This database is at another version than the backup (${present.length} migrations applied here, ${header.migrations.length} in the backup). ` +
				`Restore into an empty database: a new DATA_DIR, or a new PostgreSQL database (createdb).`
		);
	}
	await migrate(driver, backupFiles);

	const rows = await driver.transaction(async (tx) => {
		await replaceReplicaRole(tx);
		const tables = await ourTables(tx);
		// A database migrated just now holds only what migrations put there.
		const held = present.length > 0 ? await rowsHeld(tx, tables.map((t) => t.name)) : [];
		if (held.length > 0 && !replace) {
			throw new RestoreRefused(`This database already holds data (${held.slice(0, 3).join(', ')}${held.length > 3 ? ', …' : ''}). Add --replace to replace all of it with the backup.`);
		}
		if (tables.length > 0) await tx.exec(`truncate ${tables.map((t) => t.name).join(', ')} restart identity`);
		try {
			return await loadRows(tx, next, header, new Map(tables.map((t) => [t.name, t.columns])));
		} catch (error) {
			if (error instanceof RestoreRefused) throw error;
			throw new RestoreRefused(`The backup's rows could not be loaded (${(error as Error).message}): the file was altered or damaged. Nothing was restored.`);
		}
	});
	const upgradedWith = await migrate(driver, files);
	return { rows, tables: header.tables.length, upgradedWith };
}

function parseHeader(line: string | null): BackupHeader {
	let header: Partial<BackupHeader> | null = null;
	try {
		header = line ? JSON.parse(line) : null;
	} catch {
		// Answered below.
	}
	if (header?.format !== backupFormat) throw new RestoreRefused('This file is not a tsunagu backup (made by `npm run backup`).');
	if (header.version !== backupVersion) throw new RestoreRefused(`This backup is in format ${header.version}; this version of tsunagu reads format ${backupVersion}.`);
	return header as BackupHeader;
}

/** The migrations the backup's rows fit, which must be this version's first ones, unchanged. */
function filesOfBackup(header: BackupHeader, files: MigrationFile[]): MigrationFile[] {
	return header.migrations.map((migration, i) => {
		const file = files[i];
		if (!file || file.name !== migration.name) {
			throw new RestoreRefused(
				files.some((f) => f.name === migration.name)
					? `The backup's migrations are not in this version's order (${migration.name}); restore it with the version that made it.`
					: `This backup was made by a newer version of tsunagu (its migration ${migration.name} is unknown here). Restore it with that version or a later one.`
			);
		}
		if (checksumOf(file) !== migration.checksum) {
			throw new RestoreRefused(`Migration ${migration.name} differs from the one the backup was made with; restore it with the version that made it.`);
		}
		return file;
	});
}

/** Rows go in as they were: no trigger recounts seats, no foreign key waits for its table. */
async function replaceReplicaRole(tx: SqlTx) {
	try {
		await tx.exec('set local session_replication_role = replica');
	} catch {
		throw new RestoreRefused(
			'Restoring needs a database role that may set session_replication_role: a superuser, ' +
				'or one granted it (GRANT SET ON PARAMETER session_replication_role TO …).'
		);
	}
}

async function rowsHeld(tx: SqlTx, tables: string[]): Promise<string[]> {
	const held: string[] = [];
	for (const table of tables) {
		const [row] = await tx.query<{ any: boolean }>(`select exists (select from ${table}) as any`);
		if (row?.any) held.push(table);
	}
	return held;
}

async function loadRows(tx: SqlTx, next: () => Promise<string | null>, header: BackupHeader, columnsOf: Map<string, string[]>): Promise<number> {
	const expected = new Map(header.tables.map((t) => [t.name, t.rows]));
	const loaded = new Map<string, number>();
	let table: { name: string; columns: string[] } | null = null;
	let batch: string[] = [];
	const flush = async () => {
		if (!table || batch.length === 0) return;
		const list = table.columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
		await tx.query(
			`insert into ${table.name} (${list}) overriding system value select ${list} from jsonb_populate_recordset(null::${table.name}, $1::jsonb)`,
			[`[${batch.join(',')}]`]
		);
		loaded.set(table.name, (loaded.get(table.name) ?? 0) + batch.length);
		batch = [];
	};
	const cutOff = () => new RestoreRefused('The backup file ends early: it was not copied whole. Nothing was restored.');
	for (;;) {
		const line = await next();
		if (line === null) throw cutOff();
		if (line.startsWith('[')) {
			if (!table) throw cutOff();
			batch.push(line.slice(1, -1));
			if (batch.length === rowsPerInsert) await flush();
			continue;
		}
		await flush();
		const marker = markerIn(line);
		if ('table' in marker) {
			const here = columnsOf.get(marker.table);
			if (!here || here.join() !== marker.columns.join()) {
				throw new RestoreRefused(`Table ${marker.table} in the backup does not match this database's; restore it with the version that made it.`);
			}
			table = { name: marker.table, columns: marker.columns };
		} else if ('sequence' in marker) {
			table = null;
			await tx.query(`select setval($1::regclass, $2::bigint, $3)`, [marker.sequence, marker.lastValue, marker.isCalled]);
		} else if ('end' in marker) {
			const total = [...loaded.values()].reduce((a, b) => a + b, 0);
			const short = [...expected].find(([name, rows]) => (loaded.get(name) ?? 0) !== rows);
			if (short || total !== marker.rows) {
				throw new RestoreRefused(`The backup's rows${short ? ` of ${short[0]}` : ''} do not add up to what its header lists: the file was altered. Nothing was restored.`);
			}
			return marker.rows;
		}
	}
}

function markerIn(line: string): BackupLine {
	try {
		const marker = JSON.parse(line);
		if (marker && typeof marker === 'object') return marker;
	} catch {
		// Answered below.
	}
	throw new RestoreRefused('The backup file is damaged (a line is not what `npm run backup` writes). Nothing was restored.');
}
