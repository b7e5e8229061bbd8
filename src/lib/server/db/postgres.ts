import pg from 'pg';
import type { SqlDriver } from './sql-driver.ts';

export function openPostgres(connectionString: string, maxConnections = 10): SqlDriver {
	const pool = new pg.Pool({ connectionString, max: maxConnections });
	// An idle client losing its server must not crash the process; the next call reconnects.
	pool.on('error', () => {});
	return {
		async transaction(work) {
			const client = await pool.connect();
			try {
				await client.query('begin');
				const result = await work({
					query: async (sql, params) => (await client.query(sql, params)).rows,
					exec: async (sql) => void (await client.query(sql))
				});
				await client.query('commit');
				return result;
			} catch (error) {
				await client.query('rollback').catch(() => {});
				throw error;
			} finally {
				client.release();
			}
		},
		close: () => pool.end()
	};
}
