import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { localAuth } from '../../src/lib/server/auth/local.ts';
import { anon, type Caller } from '../../src/lib/server/db/port.ts';
import * as roles from '../../src/lib/server/roles.ts';
import { cookieJar, request } from './cookie-jar.ts';
import { codeOf } from './error-code.ts';
import { sqlBackendCases, type Member } from './harness.ts';
import { townA, townB, worldOn } from './world.ts';

// What harness.newUser gives every account.
const testPassword = 'test-password-1';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// The same letters as typed with a Japanese keyboard's full-width mode on.
const fullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe.each(sqlBackendCases)('getting back into an account on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const as = (caller: Caller) => t.db.backend.as(caller);
	const auth = () => localAuth(t.db.backend);

	/** A browser signed in as this account. */
	async function signedIn(user: Member, password = testPassword) {
		const jar = cookieJar();
		await request(auth(), jar, '192.0.2.200').signIn(user.email, password);
		return jar;
	}

	async function staffOf(town: string, label: string) {
		const user = await t.db.newUser(label);
		const { id } = await roles.grant(as(t.w.users.admin), user.email, 'municipality_staff', town);
		return { user, grantId: id };
	}

	const credentials = async (user: Member) =>
		(await t.db.sql!('select must_change, expires_at from local_auth.credentials where user_id = $1', [user.id]))[0]!;

	it.skipIf(!available)('lets staff give a colleague of their town a one-time password: logged, 24 hours, other sessions ended', async () => {
		const { user, grantId } = await staffOf(townA, 'forgetful');
		const laptop = await signedIn(user);
		const issued = await request(auth(), await signedIn(t.w.users.staffA)).issueOneTimePassword(grantId);

		expect(issued.email).toBe(user.email);
		expect(issued.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
		const hours = (Date.parse(issued.expiresAt) - Date.now()) / 3_600_000;
		expect(hours).toBeGreaterThan(23.9);
		expect(hours).toBeLessThanOrEqual(24);
		expect(await credentials(user)).toMatchObject({ must_change: true });
		expect(await request(auth(), laptop).getUser()).toBeNull();
		expect((await roles.audit(as(t.w.users.staffA)))[0]).toMatchObject({
			action: 'one_time_password', actor_email: t.w.users.staffA.email, subject_email: user.email, role: 'municipality_staff'
		});
		// The old password is gone; the new one is stored only as a hash.
		expect(await codeOf(request(auth(), cookieJar()).signIn(user.email, testPassword))).toBe('invalid_credentials');
		const stored = await t.db.sql!('select password_hash from local_auth.credentials where user_id = $1', [user.id]);
		expect(stored[0]!.password_hash).toMatch(/^\$argon2id\$/);
	});

	it.skipIf(!available)('gives one only within the caller’s reach, and never over an account that reaches further', async () => {
		const issue = (caller: Member, grantId: string) => roles.issueOneTimePassword(as(caller), grantId, '$argon2id$v=19$m=19456,t=2,p=1$x$y');
		const { user: colleague, grantId: colleagueGrant } = await staffOf(townA, 'colleague');
		const { grantId: otherTownGrant } = await staffOf(townB, 'other-town');
		const adminGrant = (await roles.list(as(t.w.users.admin))).find((g) => g.role === 'prefecture_admin')!.id;

		expect(await codeOf(issue(t.w.users.staffA, otherTownGrant))).toBe('not_allowed');
		expect(await codeOf(issue(t.w.users.staffA, adminGrant))).toBe('not_allowed');
		expect(await codeOf(issue(t.w.users.member, colleagueGrant))).toBe('not_allowed');
		expect(await codeOf(roles.issueOneTimePassword(as(anon), colleagueGrant, '$argon2id$x'))).toBe('not_allowed');
		expect(await codeOf(issue(t.w.users.staffA, randomUUID()))).toBe('grant_not_found');
		const ownGrant = (await roles.list(as(t.w.users.staffA))).find((g) => g.email === t.w.users.staffA.email)!.id;
		expect(await codeOf(issue(t.w.users.staffA, ownGrant))).toBe('own_account');

		// Staff of town A who is also a prefecture admin, or staff of town B too.
		await roles.grant(as(t.w.users.admin), colleague.email, 'prefecture_admin');
		expect(await codeOf(issue(t.w.users.staffA, colleagueGrant))).toBe('account_beyond_scope');
		expect(await codeOf(issue(t.w.users.admin, colleagueGrant))).toBe('ok');
		const { user: both, grantId: bothGrant } = await staffOf(townA, 'two-towns');
		await roles.grant(as(t.w.users.admin), both.email, 'municipality_staff', townB);
		expect(await codeOf(issue(t.w.users.staffA, bothGrant))).toBe('account_beyond_scope');
		expect(await codeOf(issue(t.w.users.staffB, bothGrant))).toBe('not_allowed');
		// A supporter profile in another town is beyond reach too.
		const { user: helper, grantId: helperGrant } = await staffOf(townA, 'helper');
		await t.db.sql!(`insert into public.supporters (user_id, municipality_code, display_name) values ($1, $2, 'ヘルパー')`, [helper.id, townB]);
		expect(await codeOf(issue(t.w.users.staffA, helperGrant))).toBe('account_beyond_scope');

		const changed = await t.db.sql!(
			`select count(*)::int as n from local_auth.credentials where must_change and user_id in ($1, $2, $3)`, [both.id, helper.id, t.w.users.admin.id]);
		expect(changed[0]!.n).toBe(0);
	});

	it.skipIf(!available)('refuses anything but an Argon2id hash, changing nothing', async () => {
		const { user, grantId } = await staffOf(townA, 'plain-text');
		// Only the server calls this, with a hash it made: anything else is its bug, not the user's.
		await expect(roles.issueOneTimePassword(as(t.w.users.staffA), grantId, 'plain text password')).rejects.toThrow(/password_hash_invalid/);
		expect(await credentials(user)).toMatchObject({ must_change: false, expires_at: null });
		expect(await codeOf(request(auth(), cookieJar()).signIn(user.email, testPassword))).toBe('ok');
	});

	it.skipIf(!available)('makes whoever signs in with it choose a new password, different from it, before anything else', async () => {
		const { user, grantId } = await staffOf(townA, 'new-start');
		const { password } = await request(auth(), await signedIn(t.w.users.staffA)).issueOneTimePassword(grantId);
		const phone = cookieJar();
		expect(await request(auth(), phone).signIn(user.email, password)).toMatchObject({ email: user.email, mustChangePassword: true });
		expect(await request(auth(), phone).getUser()).toMatchObject({ mustChangePassword: true });

		// Nor as typed in capitals, with spaces, or without its hyphens: whoever gave it would know it.
		for (const lookalike of [password, fullWidth(password), ` ${password.toUpperCase()} `, password.replaceAll('-', '')]) {
			expect(await codeOf(request(auth(), phone).changePassword(null, lookalike)), lookalike).toBe('same_password');
		}
		expect(await codeOf(request(auth(), phone).changePassword(null, 'my own password now'))).toBe('ok');
		expect(await request(auth(), phone).getUser()).toEqual({ id: user.id, email: user.email });
		expect(await credentials(user)).toMatchObject({ must_change: false, expires_at: null });
		expect(await codeOf(request(auth(), cookieJar()).signIn(user.email, password))).toBe('invalid_credentials');
		expect(await codeOf(request(auth(), cookieJar()).signIn(user.email, 'my own password now'))).toBe('ok');
		// Without a one-time password, changing needs the current one.
		expect(await codeOf(request(auth(), phone).changePassword(null, 'another password'))).toBe('invalid_credentials');
	});

	it.skipIf(!available)('says a one-time password has run out only to whoever typed it right', async () => {
		const { user, grantId } = await staffOf(townA, 'too-late');
		const { password } = await request(auth(), await signedIn(t.w.users.staffA)).issueOneTimePassword(grantId);
		await t.db.sql!(`update local_auth.credentials set expires_at = now() - interval '1 minute' where user_id = $1`, [user.id]);
		expect(await codeOf(request(auth(), cookieJar()).signIn(user.email, password))).toBe('one_time_password_expired');
		expect(await codeOf(request(auth(), cookieJar()).signIn(user.email, 'wrong guess'))).toBe('invalid_credentials');
	});

	it.skipIf(!available)('resets a password by a link that works once, within an hour, and ends every session', async () => {
		const reset = auth().passwordReset!;
		const user = await t.db.newUser('mailed');
		const laptop = await signedIn(user);
		expect(await reset.createLink('nobody-here@test.example', '198.51.100.6')).toBeNull();
		const link = await reset.createLink(user.email.toUpperCase(), '198.51.100.6');
		expect(link).toMatchObject({ email: user.email, token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
		const stored = await t.db.sql!('select token_hash from local_auth.password_resets where user_id = $1', [user.id]);
		expect(stored.map((r) => r.token_hash)).not.toContain(link!.token);
		expect(await reset.state(link!.token)).toEqual({ state: 'usable', email: user.email });

		expect(await codeOf(reset.reset(link!.token, 'a brand new password'))).toBe('ok');
		expect(await reset.state(link!.token)).toEqual({ state: 'used' });
		expect(await codeOf(reset.reset(link!.token, 'a second new password'))).toBe('reset_link_used');
		expect(await request(auth(), laptop).getUser()).toBeNull();
		expect(await codeOf(request(auth(), cookieJar()).signIn(user.email, 'a second new password'))).toBe('invalid_credentials');
		expect(await codeOf(request(auth(), cookieJar()).signIn(user.email, 'a brand new password'))).toBe('ok');

		expect(await reset.state('x'.repeat(43))).toEqual({ state: 'unknown' });
		expect(await codeOf(reset.reset('x'.repeat(43), 'a third new password'))).toBe('reset_link_unknown');
	});

	it.skipIf(!available)('does not let a reset link keep a one-time password as the password', async () => {
		const reset = auth().passwordReset!;
		const { user, grantId } = await staffOf(townA, 'keeps-it');
		const { password } = await request(auth(), await signedIn(t.w.users.staffA)).issueOneTimePassword(grantId);
		const link = (await reset.createLink(user.email, '198.51.100.7'))!;
		expect(await codeOf(reset.reset(link.token, password.toUpperCase()))).toBe('same_password');
		expect(await reset.state(link.token)).toEqual({ state: 'usable', email: user.email });
		expect(await codeOf(reset.reset(link.token, 'truly my own now'))).toBe('ok');
		expect(await credentials(user)).toMatchObject({ must_change: false });
	});

	it.skipIf(!available)('lets a link run out after an hour, and closes the others when the password changes', async () => {
		const reset = auth().passwordReset!;
		const user = await t.db.newUser('slow-reader');
		const stale = (await reset.createLink(user.email, '198.51.100.8'))!;
		const fresh = (await reset.createLink(user.email, '198.51.100.8'))!;
		await t.db.sql!(`update local_auth.password_resets set expires_at = now() - interval '1 second' where token_hash = $1`, [sha256(stale.token)]);
		expect(await reset.state(stale.token)).toEqual({ state: 'expired' });
		expect(await codeOf(reset.reset(stale.token, 'too late for this'))).toBe('reset_link_expired');
		expect(await reset.state(fresh.token)).toEqual({ state: 'usable', email: user.email });
		await request(auth(), await signedIn(user)).changePassword(testPassword, 'changed the usual way');
		expect(await reset.state(fresh.token)).toEqual({ state: 'used' });
	});

	it.skipIf(!available)('sends no more than three links an hour to one mailbox', async () => {
		const reset = auth().passwordReset!;
		const user = await t.db.newUser('flooded');
		const links = [];
		for (let i = 0; i < 5; i++) links.push(await reset.createLink(user.email, '198.51.100.9'));
		expect(links.map((l) => l !== null)).toEqual([true, true, true, false, false]);
	});

	it.skipIf(!available)('takes ten requests an hour from one address, for any accounts, known or not', async () => {
		const reset = auth().passwordReset!;
		const user = await t.db.newUser('asked-for');
		const answers = [];
		for (let i = 0; i < 10; i++) answers.push(await codeOf(reset.createLink(i % 2 ? user.email : `nobody-${i}@test.example`, '203.0.113.77')));
		expect(answers.every((a) => a === 'ok')).toBe(true);
		expect(await codeOf(reset.createLink(user.email, '203.0.113.77'))).toBe('too_many_resets');
		expect(await codeOf(reset.createLink(`nobody-else@test.example`, '203.0.113.77'))).toBe('too_many_resets');
		expect(await codeOf(reset.createLink(user.email, '203.0.113.78'))).toBe('ok');
	});

	it.skipIf(!available)('uses a link once when two tabs submit it at the same moment', async () => {
		const reset = auth().passwordReset!;
		const user = await t.db.newUser('two-tabs');
		const { token } = (await reset.createLink(user.email, '198.51.100.10'))!;
		const outcomes = await Promise.all([
			codeOf(reset.reset(token, 'from the first tab')),
			codeOf(reset.reset(token, 'from the second tab'))
		]);
		expect(outcomes.sort()).toEqual(['ok', 'reset_link_used']);
	});

	it.skipIf(!available)('keeps hashes out of reach of the API roles', async () => {
		for (const caller of [anon, t.w.users.member] as Caller[]) {
			expect(await t.db.attempt!(caller, 'select * from local_auth.password_resets')).toMatch(/permission denied/);
			expect(await t.db.attempt!(caller, `select local_auth.set_one_time_password('${t.w.users.admin.id}', '$argon2id$x')`)).toMatch(/permission denied/);
		}
	});
});
