import { ourSequences, ourTables } from '../src/lib/server/db/backup.ts';
import type { SqlDriver } from '../src/lib/server/db/sql-driver.ts';

/**
 * Every table's rows, generated columns included, as the database prints them, in primary-key
 * order; and each sequence's position. Two databases hold the same when these are equal.
 */
export async function tableContents(driver: SqlDriver, { sequences = true } = {}): Promise<Map<string, string[]>> {
	return driver.transaction(async (tx) => {
		const contents = new Map<string, string[]>();
		for (const table of await ourTables(tx)) {
			const order = table.primaryKey.map((c) => `"${c}"`).join(', ');
			const rows = await tx.query<{ row: string }>(`select to_jsonb(t)::text as row from ${table.name} t order by ${order}`);
			contents.set(table.name, rows.map((r) => r.row));
		}
		if (sequences) {
			for (const sequence of await ourSequences(tx)) {
				const [state] = await tx.query<{ state: string }>(`select last_value || ' ' || is_called as state from ${sequence}`);
				contents.set(sequence, [state!.state]);
			}
		}
		return contents;
	});
}

/** Tables whose rows differ between two readings, with how many rows each side has. */
export function changedTables(before: Map<string, string[]>, after: Map<string, string[]>): string[] {
	const names = new Set([...before.keys(), ...after.keys()]);
	return [...names].filter((name) => {
		const a = before.get(name) ?? [];
		const b = after.get(name) ?? [];
		return a.length !== b.length || a.some((row, i) => row !== b[i]);
	}).map((name) => `${name} (${before.get(name)?.length ?? 0} → ${after.get(name)?.length ?? 0} rows)`);
}
