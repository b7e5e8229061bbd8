import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anon } from '../../src/lib/server/db/port.ts';
import { sqlBackendCases, type Member, type TestDb } from './harness.ts';
import { allowedPrivileges } from './allowed-privileges.ts';

/**
 * Every privilege the API roles hold, directly or through PUBLIC, on the database, every
 * schema but PostgreSQL's own, and every table, sequence, column and function in them:
 * one line each, `role PRIVILEGE kind name`. A role holding a privilege on only some of a
 * table's columns shows as `… table name except (the columns it lacks)`.
 * Types and languages keep PostgreSQL's defaults: using them needs CREATE somewhere,
 * which this list shows the API roles do not have.
 */
const privilegeInventory = `
	with api as (select oid, rolname from pg_roles where rolname in ('anon', 'authenticated')),
	user_schemas as (
		select oid, nspname, nspowner, nspacl from pg_namespace
		where nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
		  and nspname not like 'pg_temp%' and nspname not like 'pg_toast_temp%'
	),
	objects as (
		select 'database' as kind, '<current>'::text as name, coalesce(datacl, acldefault('d'::"char", datdba)) as acl
		from pg_database where datname = current_database()
		union all
		select 'schema', nspname, coalesce(nspacl, acldefault('n'::"char", nspowner)) from user_schemas
		union all
		select case c.relkind when 'S' then 'sequence' else 'table' end, n.nspname || '.' || c.relname,
		       coalesce(c.relacl, acldefault((case c.relkind when 'S' then 's' else 'r' end)::"char", c.relowner))
		from pg_class c join user_schemas n on n.oid = c.relnamespace
		where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
		union all
		select 'function', n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')',
		       coalesce(p.proacl, acldefault('f'::"char", p.proowner))
		from pg_proc p join user_schemas n on n.oid = p.pronamespace
	),
	held as (
		select r.rolname as role, a.privilege_type as privilege, o.kind, o.name
		from objects o cross join lateral aclexplode(o.acl) a join api r on a.grantee in (0, r.oid)
	),
	column_grants as (
		select r.rolname as role, a.privilege_type as privilege, c.oid as table_oid,
		       n.nspname || '.' || c.relname as name, array_agg(att.attname::text) as columns
		from pg_attribute att
		join pg_class c on c.oid = att.attrelid join user_schemas n on n.oid = c.relnamespace
		cross join lateral aclexplode(att.attacl) a join api r on a.grantee in (0, r.oid)
		where att.attacl is not null and att.attnum > 0 and not att.attisdropped
		group by 1, 2, 3, 4
	),
	partial as (
		select g.role, g.privilege, 'table' as kind, g.name || ' except (' || (
			select string_agg(att.attname, ', ' order by att.attnum) from pg_attribute att
			where att.attrelid = g.table_oid and att.attnum > 0 and not att.attisdropped
			  and att.attname <> all (g.columns)
		) || ')' as name
		from column_grants g
		where not exists (select 1 from held h where h.role = g.role and h.privilege = g.privilege and h.kind = 'table' and h.name = g.name)
	)
	select distinct role || ' ' || privilege || ' ' || kind || ' ' || name as line from (
		select * from held union all select * from partial
	) everything`;

// Sorted here, not in SQL: the two servers' collations order differently.
const inventory = async (db: TestDb) => (await db.sql!(privilegeInventory)).map((row) => row.line as string).sort();

const sqlEach = async (db: TestDb, statements: string[]) => {
	for (const statement of statements) await db.sql!(statement);
};
const refused = (pattern: RegExp) => expect.stringMatching(pattern);

describe.each(sqlBackendCases)('privileges of the API roles on $name', ({ available, open }) => {
	let db: TestDb;
	let member: Member;
	beforeAll(async () => {
		if (!available) return;
		db = await open();
		member = await db.newUser('member');
	});
	afterAll(() => db?.close());

	it.skipIf(!available)('are exactly the allowed ones', async () => {
		expect(await inventory(db)).toEqual(allowedPrivileges());
	});

	it.skipIf(!available)('catch a new table or function that grants more, and grant nothing by default', async () => {
		await sqlEach(db, [
			'create table public.leaky (id int)',
			'alter table public.leaky enable row level security',
			`create function public.leaky_fn() returns int language sql as 'select 1'`,
			`create function private.leaky_helper() returns int language sql as 'select 1'`
		]);
		// Created without a grant: nothing changes.
		expect(await inventory(db)).toEqual(allowedPrivileges());
		await sqlEach(db, [
			'grant all on public.leaky to anon',
			'grant execute on function public.leaky_fn() to authenticated',
			'grant execute on function private.leaky_helper() to public'
		]);
		const added = (await inventory(db)).filter((line) => !allowedPrivileges().includes(line));
		expect(added).toEqual(expect.arrayContaining([
			'anon TRUNCATE table public.leaky',
			'anon TRIGGER table public.leaky',
			'authenticated EXECUTE function public.leaky_fn()',
			'anon EXECUTE function private.leaky_helper()',
			'authenticated EXECUTE function private.leaky_helper()'
		]));
		await sqlEach(db, ['drop table public.leaky', 'drop function public.leaky_fn()', 'drop function private.leaky_helper()']);
	});

	it.skipIf(!available)('refuse what the review did with them: truncate, setval, temporary objects, triggers', async () => {
		for (const caller of [anon, member]) {
			expect(await db.attempt!(caller, 'truncate public.role_grant_audit')).toEqual(refused(/permission denied/));
			expect(await db.attempt!(caller, 'truncate public.participants')).toEqual(refused(/permission denied/));
			expect(await db.attempt!(caller, `select setval('public.registrations_queue_seq_seq', 9223372036854775806)`)).toEqual(refused(/permission denied/));
			expect(await db.attempt!(caller, 'create temporary table scratch (id int)')).toEqual(refused(/permission denied/));
			expect(await db.attempt!(caller, `create function pg_temp.evil() returns trigger language plpgsql as 'begin return new; end'`)).toEqual(refused(/permission denied/));
			expect(await db.attempt!(caller, 'create trigger evil before insert on public.role_grant_audit for each row execute function public.health_check()')).toEqual(refused(/permission denied|must be owner/));
			expect(await db.attempt!(caller, 'create table public.mine (id int)')).toEqual(refused(/permission denied/));
			expect(await db.attempt!(caller, 'create table private.mine (id int)')).toEqual(refused(/permission denied/));
		}
		const [sequence] = await db.sql!(`select last_value from public.registrations_queue_seq_seq`);
		expect(Number(sequence!.last_value)).toBeLessThan(1_000_000);
	});
});
