import { describe, expect, it } from 'vitest';
import { anon, type Caller } from '../../src/lib/server/db/port.ts';
import type { Member } from './harness.ts';
import { codeOf } from './error-code.ts';
import * as roles from '../../src/lib/server/roles.ts';
import { backendCases } from './harness.ts';
import { townA, townB, worldOn } from './world.ts';


describe.each(backendCases)('granting roles on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const as = (caller: Caller) => t.db.backend.as(caller);

	it.skipIf(!available)('lets the prefecture admin grant staff of any town and another admin, with an audit entry', async () => {
		const newcomer = await t.db.newUser('newcomer');
		expect(await codeOf(roles.grant(as(t.w.users.admin), newcomer.email, 'municipality_staff', townB))).toBe('ok');
		expect((await roles.mine(as(newcomer))).municipality_staff.map((m) => m.code)).toEqual([townB]);
		const other = await t.db.newUser('second-admin');
		expect(await codeOf(roles.grant(as(t.w.users.admin), other.email.toUpperCase(), 'prefecture_admin'))).toBe('ok');
		const log = await roles.audit(as(t.w.users.admin));
		expect(log[0]).toMatchObject({ actor_email: t.w.users.admin.email, subject_email: other.email, action: 'grant', role: 'prefecture_admin' });
	});

	it.skipIf(!available)('lets staff grant staff of their own town only', async () => {
		const helper = await t.db.newUser('helper');
		expect(await codeOf(roles.grant(as(t.w.users.staffA), helper.email, 'municipality_staff', townB))).toBe('not_allowed');
		expect(await codeOf(roles.grant(as(t.w.users.staffA), helper.email, 'prefecture_admin'))).toBe('not_allowed');
		expect(await codeOf(roles.grant(as(t.w.users.staffA), helper.email, 'municipality_staff', townA))).toBe('ok');
		expect(await codeOf(roles.grant(as(t.w.users.staffA), helper.email, 'municipality_staff', townA))).toBe('already_granted');
		const visible = await roles.list(as(t.w.users.staffA));
		expect(visible.every((g) => g.municipality?.code === townA)).toBe(true);
		expect(visible.map((g) => g.email)).toContain(helper.email);
	});

	it.skipIf(!available)('refuses strangers, unknown accounts and unknown towns with a code', async () => {
		// A visitor may not even call the function (no EXECUTE), which reads as not_allowed.
		expect(await codeOf(roles.grant(as(anon), t.w.users.member.email, 'municipality_staff', townA))).toBe('not_allowed');
		expect(await codeOf(roles.grant(as(t.w.users.member), t.w.users.member.email, 'municipality_staff', townA))).toBe('not_allowed');
		expect(await codeOf(roles.grant(as(t.w.users.admin), 'nobody@test.example', 'municipality_staff', townA))).toBe('account_not_found');
		expect(await codeOf(roles.grant(as(t.w.users.admin), t.w.users.member.email, 'municipality_staff', '079999'))).toBe('unknown_municipality');
		expect(await roles.mine(as(t.w.users.member))).toMatchObject({ prefecture_admin: [], municipality_staff: [] });
	});

	it.skipIf(!available)('revokes with an audit entry, within reach only, and never the last admin', async () => {
		const temp = await t.db.newUser('temp');
		const { id } = await roles.grant(as(t.w.users.admin), temp.email, 'municipality_staff', townB);
		expect(await codeOf(roles.revoke(as(t.w.users.staffA), id))).toBe('not_allowed');
		expect(await codeOf(roles.revoke(as(t.w.users.staffB), id))).toBe('ok');
		expect(await codeOf(roles.revoke(as(t.w.users.staffB), id))).toBe('grant_not_found');
		expect((await roles.mine(as(temp))).municipality_staff).toEqual([]);
		expect((await roles.audit(as(t.w.users.staffB)))[0]).toMatchObject({ action: 'revoke', subject_email: temp.email, actor_email: t.w.users.staffB.email });

		const admins = (await roles.list(as(t.w.users.admin))).filter((g) => g.role === 'prefecture_admin');
		for (const grant of admins.slice(1)) await roles.revoke(as(t.w.users.admin), grant.id);
		expect(await codeOf(roles.revoke(as(t.w.users.admin), admins[0]!.id))).toBe('last_prefecture_admin');
	});

	// private.* is reachable with plain SQL only, so: the SQL backends.
	it.skipIf(!available || backend.name === 'supabase')('give an account’s e-mail only to managers of a grant or audit entry it is part of', async () => {
		const byEmail = (a: { email: string }, b: { email: string }) => (a.email < b.email ? -1 : 1);
		const emailsOf = async (caller: Member, of: Member[]) =>
			((await t.db.sqlAs!(caller, 'select user_id, email from private.account_emails($1)', [of.map((m) => m.id)])) as { user_id: string; email: string }[]).sort(byEmail);
		const emailOf = async (caller: Member, of: Member) => (await emailsOf(caller, [of]))[0]?.email ?? null;
		const helper = await t.db.newUser('email-helper');
		await roles.grant(as(t.w.users.staffA), helper.email, 'municipality_staff', townA);
		expect(await emailOf(t.w.users.staffA, helper)).toBe(helper.email);
		expect(await emailOf(t.w.users.staffA, t.w.users.staffA)).toBe(t.w.users.staffA.email);
		expect(await emailOf(t.w.users.admin, t.w.users.staffB)).toBe(t.w.users.staffB.email);
		// Outside staff A's reach: another town's staff, an account with no role, a supporter.
		expect(await emailOf(t.w.users.staffA, t.w.users.staffB)).toBeNull();
		expect(await emailOf(t.w.users.staffA, t.w.users.member)).toBeNull();
		expect(await emailOf(t.w.users.staffA, t.w.users.supporterB)).toBeNull();
		expect(await emailOf(t.w.users.member, t.w.users.staffA)).toBeNull();
		// Asked for many at once (as the roles page asks), each is judged on its own.
		const { staffA, staffB, member, supporterB } = t.w.users;
		expect(await emailsOf(staffA, [staffB, helper, member, staffA, supporterB, helper])).toEqual(
			[helper, staffA].map((m) => ({ user_id: m.id, email: m.email })).sort(byEmail)
		);
	});

	it.skipIf(!available)('cannot be written around the functions', async () => {
		expect(await t.db.insert(t.w.users.staffA, 'role_grants', { user_id: t.w.users.member.id, role: 'prefecture_admin', prefecture_code: '07' })).not.toBeNull();
		expect(await t.db.insert(t.w.users.admin, 'role_grant_audit', { action: 'grant', role: 'prefecture_admin', prefecture_code: '07' })).not.toBeNull();
	});
});
