import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anon, DomainError, type Caller } from '../../src/lib/server/db/port.ts';
import * as roles from '../../src/lib/server/roles.ts';
import { backendCases, type TestDb } from './harness.ts';
import { buildWorld, townA, townB, type World } from './world.ts';

async function codeOf(call: Promise<unknown>): Promise<string> {
	try {
		await call;
		return 'ok';
	} catch (error) {
		if (error instanceof DomainError) return error.code;
		throw error;
	}
}

describe.each(backendCases)('granting roles on $name', ({ available, open }) => {
	let db: TestDb;
	let w: World;
	const as = (caller: Caller) => db.backend.as(caller);
	beforeAll(async () => {
		if (!available) return;
		db = await open();
		w = await buildWorld(db);
	});
	afterAll(() => db?.close());

	it.skipIf(!available)('lets the prefecture admin grant staff of any town and another admin, with an audit entry', async () => {
		const newcomer = await db.newUser('newcomer');
		expect(await codeOf(roles.grant(as(w.users.admin), newcomer.email, 'municipality_staff', townB))).toBe('ok');
		expect((await roles.mine(as(newcomer))).municipality_staff.map((m) => m.code)).toEqual([townB]);
		const other = await db.newUser('second-admin');
		expect(await codeOf(roles.grant(as(w.users.admin), other.email.toUpperCase(), 'prefecture_admin'))).toBe('ok');
		const log = await roles.audit(as(w.users.admin));
		expect(log[0]).toMatchObject({ actor_email: w.users.admin.email, subject_email: other.email, action: 'grant', role: 'prefecture_admin' });
	});

	it.skipIf(!available)('lets staff grant staff of their own town only', async () => {
		const helper = await db.newUser('helper');
		expect(await codeOf(roles.grant(as(w.users.staffA), helper.email, 'municipality_staff', townB))).toBe('not_allowed');
		expect(await codeOf(roles.grant(as(w.users.staffA), helper.email, 'prefecture_admin'))).toBe('not_allowed');
		expect(await codeOf(roles.grant(as(w.users.staffA), helper.email, 'municipality_staff', townA))).toBe('ok');
		expect(await codeOf(roles.grant(as(w.users.staffA), helper.email, 'municipality_staff', townA))).toBe('already_granted');
		const visible = await roles.list(as(w.users.staffA));
		expect(visible.every((g) => g.municipality?.code === townA)).toBe(true);
		expect(visible.map((g) => g.email)).toContain(helper.email);
	});

	it.skipIf(!available)('refuses strangers, unknown accounts and unknown towns with a code', async () => {
		expect(await codeOf(roles.grant(as(anon), w.users.member.email, 'municipality_staff', townA))).toBe('not_signed_in');
		expect(await codeOf(roles.grant(as(w.users.member), w.users.member.email, 'municipality_staff', townA))).toBe('not_allowed');
		expect(await codeOf(roles.grant(as(w.users.admin), 'nobody@test.example', 'municipality_staff', townA))).toBe('account_not_found');
		expect(await codeOf(roles.grant(as(w.users.admin), w.users.member.email, 'municipality_staff', '079999'))).toBe('unknown_municipality');
		expect(await roles.mine(as(w.users.member))).toMatchObject({ prefecture_admin: [], municipality_staff: [] });
	});

	it.skipIf(!available)('revokes with an audit entry, within reach only, and never the last admin', async () => {
		const temp = await db.newUser('temp');
		const { id } = await roles.grant(as(w.users.admin), temp.email, 'municipality_staff', townB);
		expect(await codeOf(roles.revoke(as(w.users.staffA), id))).toBe('not_allowed');
		expect(await codeOf(roles.revoke(as(w.users.staffB), id))).toBe('ok');
		expect((await roles.mine(as(temp))).municipality_staff).toEqual([]);
		expect((await roles.audit(as(w.users.staffB)))[0]).toMatchObject({ action: 'revoke', subject_email: temp.email, actor_email: w.users.staffB.email });

		const admins = (await roles.list(as(w.users.admin))).filter((g) => g.role === 'prefecture_admin');
		for (const grant of admins.slice(1)) await roles.revoke(as(w.users.admin), grant.id);
		expect(await codeOf(roles.revoke(as(w.users.admin), admins[0]!.id))).toBe('last_prefecture_admin');
	});

	it.skipIf(!available)('cannot be written around the functions', async () => {
		expect(await db.insert(w.users.staffA, 'role_grants', { user_id: w.users.member.id, role: 'prefecture_admin', prefecture_code: '07' })).not.toBeNull();
		expect(await db.insert(w.users.admin, 'role_grant_audit', { action: 'grant', role: 'prefecture_admin', prefecture_code: '07' })).not.toBeNull();
	});
});
