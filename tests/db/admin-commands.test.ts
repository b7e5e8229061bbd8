import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrefectureAdmin, retention } from '../../src/lib/server/admin-commands.ts';
import type { App } from '../../src/lib/server/app.ts';
import { readConfig } from '../../src/lib/server/config.ts';
import { serviceRole } from '../../src/lib/server/db/port.ts';
import * as roles from '../../src/lib/server/roles.ts';
import { seedReferenceData } from '../../src/lib/server/seed/seed.ts';
import { sqlBackendCases, type TestDb } from './harness.ts';

describe.each(sqlBackendCases)('npm run admin -- create-prefecture-admin on $name', ({ available, open }) => {
	let db: TestDb;
	let app: App;
	beforeAll(async () => {
		if (!available) return;
		db = await open();
		await seedReferenceData(db.backend);
		app = { config: readConfig({}), backend: db.backend, auth: db.accounts as App['auth'], passwordReset: null, desk: null, pageCache: null, eraseExpiredNow: null };
	});
	afterAll(() => db?.close());

	it.skipIf(!available)('creates the account with a one-time password and makes it admin, audited', async () => {
		const lines = await createPrefectureAdmin(app, { email: 'Chief@Pref.Example' });
		expect(lines[0]).toBe('Created the account chief@pref.example.');
		const password = /: ([A-Za-z0-9]{16})$/.exec(lines.at(-1)!)?.[1];
		expect(password).toBeDefined();
		const [user] = await db.sql!(`select id from auth.users where email = 'chief@pref.example'`);
		const chief = db.backend.as({ role: 'authenticated', id: user!.id as string, email: 'chief@pref.example' });
		expect((await roles.mine(chief)).prefecture_admin).toEqual(['07']);
		expect((await roles.audit(chief))[0]).toMatchObject({ actor_email: null, subject_email: 'chief@pref.example', action: 'grant' });
		const [hash] = await db.sql!('select password_hash from local_auth.credentials');
		expect(hash?.password_hash).toMatch(/^\$argon2id\$/);
	});

	it.skipIf(!available)('leaves an existing account’s password alone and prints none', async () => {
		const lines = await createPrefectureAdmin(app, { email: 'chief@pref.example' });
		expect(lines).toEqual([
			'The account chief@pref.example already exists; its password is unchanged.',
			'It was already prefecture admin of 07.'
		]);
	});

	it.skipIf(!available)('refuses a malformed e-mail or an unknown prefecture', async () => {
		await expect(createPrefectureAdmin(app, { email: 'nope' })).rejects.toThrow(/Usage/);
		await expect(createPrefectureAdmin(app, { email: 'x@pref.example', prefecture: '13' })).rejects.toThrow(/Prefecture 13 is not in the database/);
		expect(await db.sql!(`select 1 from auth.users where email = 'x@pref.example'`)).toEqual([]);
	});

	it.skipIf(!available)('npm run retention erases the names and phones past the period and says how many', async () => {
		const old = '2020-06-01T01:00:00Z';
		await db.backend.as(serviceRole).rpc('import_dataset', {
			p_data: { participants: [{ id: crypto.randomUUID(), municipality_code: '072010', full_name: '古い 記録', name_kana: 'ふるい', phone: '090-0000-7101', age_band: '75_84', created_at: old }] }
		});
		const lines = await retention(app);
		expect(lines[0]).toMatch(/^Retention: 1 year after the fiscal year of a senior's last class; kept from \d{4}-\d{2}-\d{2}\.$/);
		expect(lines[1]).toBe('Erased the names, readings and phone numbers of 1 participant, and 0 staff notes. Every count stays.');
		expect(await db.sql!(`select full_name, phone from public.participants where name_kana is null and erased_at is not null`)).toEqual([{ full_name: null, phone: null }]);
		expect((await retention(app))[1]).toBe('Nothing to erase.');
	});
});
