import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAuth, sessionCookie } from '../../src/lib/server/auth/local.ts';
import { hash } from '@node-rs/argon2';
import { AuthError } from '../../src/lib/server/auth/port.ts';
import { cookieJar, request } from './cookie-jar.ts';
import { codeOf } from './error-code.ts';
import { sqlBackendCases, type TestDb } from './harness.ts';

/** A hash as the code before NFKC normalization made it: of the password exactly as typed. */
const argon2id = (password: string) => hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });

/** 'ok', the code of a refusal, or the code and the wait in seconds when it was throttled. */
async function waitOf(call: Promise<unknown>) {
	try {
		await call;
		return 'ok';
	} catch (error) {
		if (!(error instanceof AuthError)) throw error;
		return error.retryAfterSeconds === undefined ? error.code : { code: error.code, retryAfter: error.retryAfterSeconds };
	}
}

describe.each(sqlBackendCases)('built-in accounts on $name', ({ available, open }) => {
	let db: TestDb;
	let auth: ReturnType<typeof localAuth>;
	beforeAll(async () => {
		if (!available) return;
		db = await open();
		auth = localAuth(db.backend);
	});
	afterAll(() => db?.close());

	it.skipIf(!available)('sign-up makes an account to sign in to; sign-in starts a session in an httpOnly cookie holding an opaque token', async () => {
		const jar = cookieJar();
		await request(auth, jar).signUp('new@test.example', 'correct horse battery');
		expect(jar.values.has(sessionCookie)).toBe(false);
		const user = await request(auth, jar).signIn('new@test.example', 'correct horse battery');
		const token = jar.values.get(sessionCookie)!;
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(jar.options.get(sessionCookie)).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
		expect(await request(auth, jar).getUser()).toEqual(user);
		const stored = await db.sql!('select token_hash from local_auth.sessions');
		expect(stored.map((r) => r.token_hash)).not.toContain(token);
		const [credential] = await db.sql!('select password_hash from local_auth.credentials');
		expect(credential?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
	});

	it.skipIf(!available)('answers a sign-up for a taken address exactly as for a new one, and changes nothing', async () => {
		const jar = cookieJar();
		expect(await codeOf(request(auth, jar).signUp('NEW@test.example', 'another password'))).toBe('ok');
		expect(jar.values.size).toBe(0);
		expect(await codeOf(request(auth, cookieJar()).signIn('new@test.example', 'another password'))).toBe('invalid_credentials');
		expect(await codeOf(request(auth, cookieJar()).signIn('new@test.example', 'correct horse battery'))).toBe('ok');
	});

	it.skipIf(!available)('counts every sign-up, taken addresses included', async () => {
		const address = '198.18.7.1';
		const codes = [];
		for (let i = 0; i < 51; i++) codes.push(await codeOf(request(auth, cookieJar(), address).signUp('new@test.example', `probe ${i} password`)));
		expect(codes.slice(0, 50).every((c) => c === 'ok')).toBe(true);
		expect(codes[50]).toBe('too_many_sign_ups');
		const [counted] = await db.sql!('select count(*)::int as n from local_auth.sign_ups where ip = $1', [address]);
		expect(counted!.n).toBe(50);
	});

	it.skipIf(!available)('takes a password however wide its letters were typed (NFKC)', async () => {
		await request(auth, cookieJar()).signUp('wide@test.example', 'ｱｲｳｴｵ かきくけこ ２０２６');
		expect(await codeOf(request(auth, cookieJar()).signIn('wide@test.example', 'アイウエオ かきくけこ 2026'))).toBe('ok');
		expect(await codeOf(request(auth, cookieJar()).signIn('wide@test.example', 'ｱｲｳｴｵ かきくけこ ２０２６'))).toBe('ok');
		expect(await codeOf(request(auth, cookieJar()).signIn('wide@test.example', 'アイウエオ カキクケコ 2026'))).toBe('invalid_credentials');
	});

	it.skipIf(!available)('keeps a password hashed before normalization working, and hashes it again normalized', async () => {
		const asTyped = 'ﾊﾟｽﾜｰﾄﾞ-before-2026';
		const [user] = await db.sql!(`insert into auth.users (email) values ('legacy@test.example') returning id`);
		await db.sql!('insert into local_auth.credentials (user_id, password_hash) values ($1, $2)', [user!.id, await argon2id(asTyped)]);
		expect(await codeOf(request(auth, cookieJar()).signIn('legacy@test.example', 'パスワード-before-2026'))).toBe('invalid_credentials');
		expect(await codeOf(request(auth, cookieJar(), '192.0.2.77').signIn('legacy@test.example', asTyped))).toBe('ok');
		expect(await codeOf(request(auth, cookieJar(), '192.0.2.78').signIn('legacy@test.example', 'パスワード-before-2026'))).toBe('ok');
	});

	it.skipIf(!available)('signs in with the right password, and signing out ends the session', async () => {
		const jar = cookieJar();
		await request(auth, jar).signIn('new@test.example', 'correct horse battery');
		const token = jar.values.get(sessionCookie)!;
		await request(auth, jar).signOut();
		expect(jar.values.has(sessionCookie)).toBe(false);
		jar.values.set(sessionCookie, token); // a stolen copy of the cookie
		expect(await request(auth, jar).getUser()).toBeNull();
	});

	it.skipIf(!available)('never locks the owner out: the right password from an address that did not fail goes through', async () => {
		await request(auth, cookieJar()).signUp('target@test.example', 'the real password');
		for (let i = 0; i < 12; i++) await codeOf(request(auth, cookieJar(), '198.51.100.7').signIn('target@test.example', `guess ${i}`));
		for (let i = 0; i < 5; i++) await codeOf(request(auth, cookieJar(), `198.51.100.${20 + i}`).signIn('target@test.example', 'guess'));
		expect(await codeOf(request(auth, cookieJar(), '192.0.2.50').signIn('target@test.example', 'the real password'))).toBe('ok');
	});

	it.skipIf(!available)('slows one address guessing one account with growing delays, and forgets them after a success', async () => {
		await request(auth, cookieJar()).signUp('slowed@test.example', 'the real password');
		const address = '198.51.100.99';
		const attempt = (password: string) => waitOf(request(auth, cookieJar(), address).signIn('slowed@test.example', password));
		const pass = (seconds: number) => db.sql!(
			`update local_auth.sign_in_attempts set attempted_at = attempted_at - make_interval(secs => $1) where email = 'slowed@test.example'`, [seconds]);

		const first = [];
		for (let i = 0; i < 5; i++) first.push(await attempt(`guess ${i}`));
		expect(first.slice(0, 4)).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials']);
		expect(first[4]).toEqual({ code: 'rate_limited', retryAfter: 60 });
		// Refused while waiting, the right password too, and a refusal does not lengthen the wait.
		expect(await attempt('the real password')).toMatchObject({ code: 'rate_limited' });
		expect(await attempt('guess')).toMatchObject({ code: 'rate_limited', retryAfter: expect.any(Number) });
		const waits = [];
		for (const seconds of [61, 121, 241]) {
			await pass(seconds);
			waits.push(await attempt('guess again'));
		}
		expect(waits).toEqual([
			{ code: 'rate_limited', retryAfter: 120 },
			{ code: 'rate_limited', retryAfter: 240 },
			{ code: 'rate_limited', retryAfter: 480 }
		]);
		await pass(481);
		expect(await attempt('the real password')).toBe('ok');
		expect(await attempt('one typo')).toBe('invalid_credentials');
	});

	it.skipIf(!available)('checks and records each attempt in one step: 40 guesses at once verify at most 5', async () => {
		await request(auth, cookieJar()).signUp('parallel@test.example', 'the real password');
		const codes = await Promise.all(Array.from({ length: 40 }, (_, i) =>
			codeOf(request(auth, cookieJar(), '203.0.113.40').signIn('parallel@test.example', `parallel guess ${i}`))));
		const [claimed] = await db.sql!(`select count(*)::int as n from local_auth.sign_in_attempts where email = 'parallel@test.example'`);
		expect(claimed!.n).toBe(5);
		// The five that were verified finish after all five were counted, so they too say "wait".
		expect(new Set(codes)).toEqual(new Set(['rate_limited']));
	});

	it.skipIf(!available)('limits one address trying many accounts', async () => {
		const codes = [];
		for (let i = 0; i < 31; i++) codes.push(await codeOf(request(auth, cookieJar(), '203.0.113.9').signIn(`nobody${i}@test.example`, 'guess')));
		expect(codes.slice(0, 29).every((c) => c === 'invalid_credentials')).toBe(true);
		expect(codes.at(-1)).toBe('rate_limited');
		expect(await codeOf(request(auth, cookieJar(), '203.0.113.10').signIn('new@test.example', 'correct horse battery'))).toBe('ok');
	});

	it.skipIf(!available)('changes a password only with the current one, and ends the other sessions', async () => {
		await request(auth, cookieJar()).signUp('changer@test.example', 'first password');
		const laptop = cookieJar();
		const phone = cookieJar();
		await request(auth, laptop).signIn('changer@test.example', 'first password');
		await request(auth, phone).signIn('changer@test.example', 'first password');
		expect(await codeOf(request(auth, laptop).changePassword('not it', 'second password'))).toBe('invalid_credentials');
		expect(await codeOf(request(auth, laptop).changePassword('first password', 'second password'))).toBe('ok');
		expect(await request(auth, laptop).getUser()).toMatchObject({ email: 'changer@test.example' });
		expect(await request(auth, phone).getUser()).toBeNull();
		expect(await codeOf(request(auth, cookieJar()).signIn('changer@test.example', 'first password'))).toBe('invalid_credentials');
		expect(await codeOf(request(auth, cookieJar()).signIn('changer@test.example', 'second password'))).toBe('ok');
	});

	it.skipIf(!available)('limits sign-ups from one address to 50 an hour', async () => {
		const address = '198.18.0.1';
		await db.sql!(`insert into local_auth.sign_ups (ip) select $1 from generate_series(1, 49)`, [address]);
		expect(await codeOf(request(auth, cookieJar(), address).signUp('fiftieth@test.example', 'a fine password'))).toBe('ok');
		expect(await codeOf(request(auth, cookieJar(), address).signUp('fifty-first@test.example', 'a fine password'))).toBe('too_many_sign_ups');
		expect(await db.sql!(`select 1 from auth.users where email = 'fifty-first@test.example'`)).toEqual([]);
		expect(await codeOf(request(auth, cookieJar(), '198.18.0.2').signUp('elsewhere@test.example', 'a fine password'))).toBe('ok');
	});

	it.skipIf(!available)('ignores a forged or expired session cookie', async () => {
		const jar = cookieJar();
		jar.values.set(sessionCookie, 'forged-token');
		expect(await request(auth, jar).getUser()).toBeNull();
		await request(auth, jar).signIn('new@test.example', 'correct horse battery');
		await db.sql!(`update local_auth.sessions set expires_at = now() - interval '1 second'`);
		expect(await request(auth, jar).getUser()).toBeNull();
	});
});
