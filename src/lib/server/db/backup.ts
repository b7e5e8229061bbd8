import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SqlDriver, SqlTx } from './sql-driver.ts';

/**
 * A backup is gzipped JSON lines: a header naming the migrations the data fits, then each
 * table's rows after a line naming the table, then each sequence's position. A row is its
 * `to_jsonb` text as the database wrote it, wrapped in [ ] (never parsed here, so no number
 * loses a digit), in primary-key order. The same file restores on PGlite or PostgreSQL.
 */
export const backupFormat = 'tsunagu-backup';
export const backupVersion = 1;

export interface BackupHeader {
	format: typeof backupFormat;
	version: typeof backupVersion;
	createdAt: string;
	/** Every applied migration, in order, with its checksum: the shape the rows fit. */
	migrations: { name: string; checksum: string }[];
	tables: { name: string; columns: string[]; rows: number }[];
}

export type BackupLine =
	| { table: string; columns: string[] }
	| { sequence: string; lastValue: string; isCalled: boolean }
	| { end: true; rows: number };

// Schemas the migrations never write into, and the migration record, which travels in the header.
const notOurs = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'tsunagu_meta') and n.nspname not like 'pg\\_%'`;

export interface TableInfo {
	name: string;
	/** Every column but generated ones, which the database computes again. */
	columns: string[];
	primaryKey: string[];
}

/** The tables and sequences migrations made (not those of extensions), by name. */
export async function ourTables(tx: SqlTx): Promise<TableInfo[]> {
	return tx.query<TableInfo>(`
		select format('%I.%I', n.nspname, c.relname) as name,
			array(select a.attname::text from pg_attribute a
				where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
				order by a.attnum) as columns,
			array(select a.attname::text from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
				where i.indrelid = c.oid and i.indisprimary order by array_position(i.indkey, a.attnum)) as "primaryKey"
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where c.relkind in ('r', 'p') and not c.relispartition and ${notOurs}
			and not exists (select from pg_depend d where d.objid = c.oid and d.deptype = 'e')
		order by 1`);
}

export async function ourSequences(tx: SqlTx): Promise<string[]> {
	const rows = await tx.query<{ name: string }>(`
		select format('%I.%I', n.nspname, c.relname) as name
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where c.relkind = 'S' and ${notOurs}
			and not exists (select from pg_depend d where d.objid = c.oid and d.deptype = 'e')
		order by 1`);
	return rows.map((r) => r.name);
}

export async function appliedMigrations(tx: SqlTx): Promise<{ name: string; checksum: string }[]> {
	const [meta] = await tx.query<{ exists: boolean }>(`select to_regclass('tsunagu_meta.schema_migrations') is not null as exists`);
	if (!meta?.exists) return [];
	return tx.query(`select name, checksum from tsunagu_meta.schema_migrations order by name`);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Writes every row of every table, read in one snapshot (a running PostgreSQL server may
 * keep serving), to `output`. Rows are fetched through a cursor, so memory stays flat.
 */
export async function writeBackup(driver: SqlDriver, output: Writable, now = new Date()): Promise<BackupHeader> {
	const gzip = createGzip();
	const written = pipeline(gzip, output);
	const writeText = async (text: string) => {
		if (!gzip.write(text)) await once(gzip, 'drain');
	};
	const write = (line: BackupHeader | BackupLine) => writeText(JSON.stringify(line) + '\n');
	let header: BackupHeader | undefined;
	try {
		header = await driver.transaction(async (tx) => {
			await tx.exec('set transaction isolation level repeatable read, read only');
			const migrations = await appliedMigrations(tx);
			if (migrations.length === 0) throw new Error('This database has no tsunagu tables yet: there is nothing to back up.');
			const tables = await ourTables(tx);
			const counted: BackupHeader['tables'] = [];
			for (const table of tables) {
				const [count] = await tx.query<{ n: string }>(`select count(*) as n from ${table.name}`);
				counted.push({ name: table.name, columns: table.columns, rows: Number(count!.n) });
			}
			const head: BackupHeader = { format: backupFormat, version: backupVersion, createdAt: now.toISOString(), migrations, tables: counted };
			await write(head);
			let total = 0;
			for (const table of tables) {
				await write({ table: table.name, columns: table.columns });
				const order = table.primaryKey.map(quoted).join(', ');
				await tx.exec(`declare backup_rows no scroll cursor for select to_jsonb(t)::text as row from ${table.name} t order by ${order}`);
				for (;;) {
					const batch = await tx.query<{ row: string }>('fetch 1000 from backup_rows');
					for (const { row } of batch) await writeText(`[${row}]\n`);
					total += batch.length;
					if (batch.length < 1000) break;
				}
				await tx.exec('close backup_rows');
			}
			for (const sequence of await ourSequences(tx)) {
				const [state] = await tx.query<{ last_value: string; is_called: boolean }>(`select last_value::text, is_called from ${sequence}`);
				await write({ sequence, lastValue: state!.last_value, isCalled: state!.is_called });
			}
			await write({ end: true, rows: total });
			return head;
		});
	} catch (error) {
		gzip.destroy(error as Error);
		await written.catch(() => {});
		throw error;
	}
	gzip.end();
	await written;
	return header;
}
