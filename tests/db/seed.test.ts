import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anon, serviceRole } from '../../src/lib/server/db/port.ts';
import { demoAccounts } from '../../src/lib/server/seed/demo-accounts.ts';
import { seedDemoData } from '../../src/lib/server/seed/seed.ts';
import * as roles from '../../src/lib/server/roles.ts';
import { fiscalYearOf } from '../../src/lib/domain/wareki.ts';
import type { Progress } from '../../src/lib/domain/progress.ts';
import { backendCases, type TestDb } from './harness.ts';
import { shownNumbers } from './rendered-progress.ts';

describe.each(backendCases)('demo data on $name', ({ available, open }) => {
	let db: TestDb;
	beforeAll(async () => {
		if (!available) return;
		db = await open();
		expect(await seedDemoData(db.backend, db.accounts, new Date('2026-11-22T03:00:00Z'))).toMatchObject({ municipalities: 59, demo: 'added' });
	});
	afterAll(() => db?.close());

	it.skipIf(!available)('spreads sessions over the fiscal year: held ones with attendance, open ones ahead', async () => {
		const sessions = await db.select(serviceRole, 'sessions');
		const starts = sessions.map((s) => new Date(s.starts_at as string).getTime());
		expect(Math.min(...starts)).toBeGreaterThanOrEqual(Date.parse('2026-04-01T00:00:00+09:00'));
		expect(Math.max(...starts)).toBeLessThan(Date.parse('2027-04-01T00:00:00+09:00'));
		expect((await db.select(serviceRole, 'attendance')).length).toBeGreaterThan(50);
		expect(new Set(sessions.map((s) => s.municipality_code)).size).toBeGreaterThanOrEqual(6);
		expect(sessions.some((s) => s.status === 'draft')).toBe(true);
	});

	it.skipIf(!available)('shows, among the classes to come, one called off with its reason and one closed to web registration', async () => {
		const today = Date.parse('2026-11-22T03:00:00Z');
		const sessions = (await db.select(serviceRole, 'sessions')).filter((s) => Date.parse(s.starts_at as string) > today);
		expect(sessions.filter((s) => s.status === 'cancelled').map((s) => s.cancel_reason)).toEqual(['講師の都合により中止します。申し訳ありません。']);
		expect(sessions.filter((s) => s.registration_closes_at && Date.parse(s.registration_closes_at as string) < today)).toHaveLength(1);
	});

	it.skipIf(!available)('puts every municipality in one of the seven areas (方部) people name', async () => {
		const towns = await db.select(anon, 'municipalities');
		const areas = new Set(towns.map((m) => m.region));
		expect([...areas].sort()).toEqual(['いわき', '会津', '南会津', '県中', '県北', '県南', '相双'].sort());
		expect(towns.find((m) => m.code === '073679')?.region).toBe('南会津'); // 只見町
	});

	it.skipIf(!available)('counts fewer unique seniors than attendances', async () => {
		const attendance = await db.select(serviceRole, 'attendance', { attended: true });
		const unique = new Set(attendance.map((a) => a.participant_id));
		expect(unique.size).toBeLessThan(attendance.length);
	});

	it.skipIf(!available)('uses only obviously fictional people', async () => {
		const people = await db.select(serviceRole, 'participants');
		expect(people.every((p) => /^090-0000-\d{4}$/.test(p.phone as string))).toBe(true);
		expect(people.every((p) => /^(見本|試験|仮名|架空|模擬|例) /.test(p.full_name as string))).toBe(true);
	});

	it.skipIf(!available)('sets the prefecture-wide target of 930 seniors', async () => {
		const targets = await db.select(anon, 'targets', { metric: 'senior_participants' }, ['municipality_code', 'value']);
		expect(targets.find((t) => t.municipality_code === null)?.value).toBe(930);
	});

	it.skipIf(!available)('gives each demo account its role', async () => {
		const id = async (email: string) =>
			(await db.backend.as(serviceRole).rpc<{ user_id: string }>('account_id_by_email', { p_email: email })).user_id;
		const as = async (email: string) => db.backend.as({ role: 'authenticated', id: await id(email), email });
		expect((await roles.mine(await as(demoAccounts.admin))).prefecture_admin).toEqual(['07']);
		expect((await roles.mine(await as(demoAccounts.staffFukushima))).municipality_staff).toEqual([{ code: '072010', name: '福島市' }]);
		expect((await roles.mine(await as(demoAccounts.supporter))).supporter).toMatchObject({ display_name: '見本 さぽ子' });
	});

	it.skipIf(!available)('shows on the dashboards exactly what a brute-force count of the demo rows gives', async () => {
		const id = (await db.backend.as(serviceRole).rpc<{ user_id: string }>('account_id_by_email', { p_email: demoAccounts.admin })).user_id;
		const admin = db.backend.as({ role: 'authenticated', id, email: demoAccounts.admin });
		const year = fiscalYearOf(new Date());
		const from = Date.parse(`${year}-04-01T00:00:00+09:00`);
		const now = Date.now();
		const held = new Map((await db.select(serviceRole, 'sessions')).filter((s) => s.status === 'published' && Date.parse(s.starts_at as string) >= from && Date.parse(s.starts_at as string) < now).map((s) => [s.id, s]));
		const people = new Map((await db.select(serviceRole, 'participants')).map((p) => [p.id, p]));
		const root = (p: Record<string, unknown>) => (p.merged_into ? people.get(p.merged_into)! : p);
		const present = (await db.select(serviceRole, 'attendance')).filter((a) => a.attended && held.has(a.session_id));
		const seniors = present.map((a) => root(people.get(a.participant_id)!)).filter((p) => p.age_band !== 'under_65');
		const staffed = (await db.select(serviceRole, 'session_staffing')).filter((st) => st.status === 'assigned' && st.attended && held.has(st.session_id));
		const progress = await admin.rpc<Progress>('progress', { p_fiscal_year: year, p_prefecture_code: '07', p_municipality_code: null });
		const shown = shownNumbers(progress);
		expect(shown.metrics).toEqual({
			sessions_held: held.size,
			attendances: present.length,
			senior_participants: new Set(seniors.map((p) => p.person_id)).size,
			municipalities_holding: new Set([...held.values()].map((s) => s.municipality_code)).size,
			active_supporters: new Set(staffed.map((st) => st.supporter_id)).size
		});
		expect(held.size).toBeGreaterThan(10);
		expect(new Set(staffed.map((st) => st.supporter_id)).size).toBeGreaterThan(0);
		for (const code of ['072010', '072028']) {
			const here = present.filter((a) => held.get(a.session_id)!.municipality_code === code);
			expect(shown.towns[code]).toEqual({
				sessions_held: [...held.values()].filter((s) => s.municipality_code === code).length,
				attendances: here.length,
				senior_participants: new Set(here.map((a) => root(people.get(a.participant_id)!)).filter((p) => p.age_band !== 'under_65').map((p) => p.id)).size
			});
		}
	});

	it.skipIf(!available)('is not added twice', async () => {
		const before = (await db.select(serviceRole, 'sessions')).length;
		expect(await seedDemoData(db.backend, db.accounts)).toMatchObject({ demo: 'skipped' });
		expect((await db.select(serviceRole, 'sessions')).length).toBe(before);
	});
});
