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

/** Tables whose rows differ between two readings: how many rows each side has, and one row that differs. */
export function changedTables(before: Map<string, string[]>, after: Map<string, string[]>): string[] {
	const names = new Set([...before.keys(), ...after.keys()]);
	return [...names].flatMap((name) => {
		const a = before.get(name) ?? [];
		const b = after.get(name) ?? [];
		const kept = new Set(a);
		const example = b.find((row) => !kept.has(row)) ?? a.find((row) => !b.includes(row));
		if (example === undefined && a.length === b.length) return [];
		return [`${name} (${a.length} → ${b.length} rows, e.g. ${example?.slice(0, 160) ?? 'none'})`];
	});
}
