import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlBackendCases, type TestDb } from './harness.ts';

// Every table the app creates, in any schema but PostgreSQL's own, must have RLS enabled.
const tablesWithoutRls = `
	select n.nspname || '.' || c.relname as table_name
	from pg_class c join pg_namespace n on n.oid = c.relnamespace
	where c.relkind in ('r', 'p')
	  and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
	  and n.nspname not like 'pg_temp%'
	  and not c.relrowsecurity
	order by 1`;

describe.each(sqlBackendCases)('row-level security coverage on $name', ({ available, open }) => {
	let db: TestDb;
	beforeAll(async () => {
		if (available) db = await open();
	});
	afterAll(() => db?.close());

	it.skipIf(!available)('is enabled on every table', async () => {
		expect(await db.sql!(tablesWithoutRls)).toEqual([]);
	});

	it.skipIf(!available)('catches a table that forgets it', async () => {
		await db.sql!('create table public.forgetful (id int)');
		expect(await db.sql!(tablesWithoutRls)).toEqual([{ table_name: 'public.forgetful' }]);
		await db.sql!('drop table public.forgetful');
	});

	it.skipIf(!available)('has a policy or a documented reason on every public table', async () => {
		const bare = await db.sql!(`
			select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'public' and c.relkind = 'r'
			  and not exists (select 1 from pg_policy p where p.polrelid = c.oid)`);
		expect(bare).toEqual([]);
	});
});
