import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';
import type { SqlDriver } from './sql-driver.ts';

// PostgreSQL's own default (128MB) is for a server with the machine to itself; a town's data
// fits in a fraction, and every page of it touched stays in this process's memory (issue 8).
const settings = 'shared_buffers = 32MB\n';

/** PGlite runs every call on one connection; its transaction() queues the others. */
export async function openPglite(dataDir: string | null): Promise<SqlDriver> {
	const release = dataDir ? lockDataDir(dataDir) : () => {};
	let db: PGlite;
	try {
		db = dataDir ? await PGlite.create(dataDir, { postgresqlconf: settings }) : await PGlite.create({ postgresqlconf: settings });
	} catch (error) {
		release();
		throw error;
	}
	return {
		transaction: (work) =>
			db.transaction((tx) =>
				work({
					query: async (sql, params) => (await tx.query(sql, params)).rows as never[],
					exec: async (sql) => void (await tx.exec(sql))
				})
			),
		async close() {
			await db.close();
			release();
		}
	};
}
