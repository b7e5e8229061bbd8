import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anon, serviceRole } from '../../src/lib/server/db/port.ts';
import { backendCases, type Row } from './harness.ts';
import { townA, townB, worldOn } from './world.ts';

interface Found {
	total: number;
	page: number;
	sessions: { id: string; starts_at: string; distance_km: number | null; seats_left: number; registration: string; municipality: { code: string } }[];
}

/** 2027-01-{day} at {hour}:00 in Japan. */
const jan2027 = (day: number, hour: number) => new Date(Date.UTC(2027, 0, day, hour - 9)).toISOString();

describe.each(backendCases)('finding a class on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const find = (query: Row) => t.db.backend.as(anon).rpc<Found>('find_sessions', { p_query: query });

	/** 45 sessions in a town with a far venue, two a day at 10:00 and 14:00 from 2027-01-01; plus one draft. Made once. */
	let made: ReturnType<typeof makeSessions> | undefined;
	const manySessions = () => (made ??= makeSessions());
	async function makeSessions() {
		const code = '072044'; // いわき市
		const near = { id: randomUUID(), municipality_code: code, name: '駅前公民館', address: 'いわき市見本町1', lat: 37.05, lng: 140.89 };
		const far = { id: randomUUID(), municipality_code: code, name: '山の集会所', address: 'いわき市見本町99', lat: 37.2, lng: 140.6 };
		const sessions = Array.from({ length: 45 }, (_, i) => ({
			id: randomUUID(), municipality_code: code, venue_id: i % 3 === 0 ? far.id : near.id, topic_id: i % 2 ? 'line' : 'basics',
			title: `いわき教室${i + 1}`, status: 'published', capacity: 8, device_focus: ['any', 'iphone', 'android'][i % 3],
			starts_at: jan2027(1 + Math.floor(i / 2), i % 2 ? 14 : 10), ends_at: jan2027(1 + Math.floor(i / 2), i % 2 ? 15 : 11)
		}));
		const draft = { ...sessions[0]!, id: randomUUID(), status: 'draft', title: '下書き' };
		await t.db.backend.as(serviceRole).rpc('import_dataset', { p_data: { venues: [near, far], sessions: [...sessions, draft] } });
		return { code, sessions, draft };
	}

	it.skipIf(!available)('reaches every upcoming session a page at a time, soonest first, never a draft', async () => {
		const { code, sessions, draft } = await manySessions();
		const pages = [1, 2, 3].map((page) => find({ municipality: code, page, page_size: 20 }));
		const found = await Promise.all(pages);
		expect(found.map((f) => f.total)).toEqual([45, 45, 45]);
		expect(found.map((f) => f.sessions.length)).toEqual([20, 20, 5]);
		const ids = found.flatMap((f) => f.sessions.map((s) => s.id));
		expect(new Set(ids).size).toBe(45);
		expect(ids).not.toContain(draft.id);
		expect([...ids].sort()).toEqual(sessions.map((s) => s.id).sort());
		const starts = found.flatMap((f) => f.sessions.map((s) => s.starts_at));
		expect(starts).toEqual([...starts].sort());
		expect((await find({ municipality: code, page: 4, page_size: 20 })).sessions).toEqual([]);
		expect(new Set(found.flatMap((f) => f.sessions.map((s) => s.registration)))).toEqual(new Set(['open']));
	});

	it.skipIf(!available)('filters by topic, date range, weekday, morning or afternoon, and device', async () => {
		const { code } = await manySessions();
		const count = async (query: Row) => (await find({ municipality: code, ...query })).total;
		expect(await count({ topic: 'line' })).toBe(22);
		expect(await count({ from: '2027-01-02', to: '2027-01-03' })).toBe(4);
		expect(await count({ part: 'am' })).toBe(23);
		expect(await count({ part: 'pm' })).toBe(22);
		expect(await count({ device: 'iphone' })).toBe(30); // 'any' and 'iphone'
		// 2027-01-01 is a Friday (5): Fridays 1, 8, 15, 22 have two each; Saturday the 23rd only one.
		expect(await count({ weekdays: [5] })).toBe(8);
		expect(await count({ weekdays: [5, 6] })).toBe(15);
	});

	it.skipIf(!available)('puts the nearest first when a location is known, with the distance', async () => {
		const { code, sessions } = await manySessions();
		const found = await find({ municipality: code, near: { lat: 37.2, lng: 140.6 }, page_size: 50 });
		const distances = found.sessions.map((s) => s.distance_km!);
		expect(distances[0]).toBe(0);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		expect(distances.at(-1)).toBeGreaterThan(25);
		const soonest = await find({ municipality: code, near: { lat: 37.05, lng: 140.89 }, sort: 'soon' });
		expect(soonest.sessions[0]).toMatchObject({ id: sessions[0]!.id, distance_km: 30.6 });
	});

	it.skipIf(!available)('pages through the nearest first: each session once, soonest first at the same distance', async () => {
		const { code, sessions } = await manySessions();
		const pages = await Promise.all([1, 2, 3].map((page) => find({ municipality: code, near: { lat: 37.2, lng: 140.6 }, page, page_size: 20 })));
		const rows = pages.flatMap((p) => p.sessions);
		expect(pages.map((p) => p.total)).toEqual([45, 45, 45]);
		expect(new Set(rows.map((r) => r.id)).size).toBe(45);
		const key = (r: (typeof rows)[number]) => `${String(r.distance_km).padStart(6, '0')} ${r.starts_at}`;
		expect(rows.map(key)).toEqual(rows.map(key).sort());
		// The far venue holds every third session: those 15 come first.
		const far = new Set<string>(sessions.filter((_, i) => i % 3 === 0).map((s) => s.id));
		expect(rows.slice(0, 15).every((r) => far.has(r.id))).toBe(true);
	});

	it.skipIf(!available)('counts to 1,000 and says there are more, or to the page asked for past that', async () => {
		const code = '072125'; // 南相馬市
		const venue = { id: randomUUID(), municipality_code: code, name: '大きな会場', address: '南相馬市1', lat: 37.64, lng: 140.96 };
		const many = Array.from({ length: 1030 }, (_, i) => ({
			id: randomUUID(), municipality_code: code, venue_id: venue.id, topic_id: 'basics', title: `多数の教室${i}`, status: 'published', capacity: 10,
			starts_at: new Date(Date.UTC(2027, 1, 1) + i * 3_600_000).toISOString(), ends_at: new Date(Date.UTC(2027, 1, 1) + i * 3_600_000 + 1_800_000).toISOString()
		}));
		await t.db.backend.as(serviceRole).rpc('import_dataset', { p_data: { venues: [venue], sessions: many } });
		const totals = async (query: Row) => {
			const found = await find({ municipality: code, ...query });
			return { total: found.total, capped: (found as Found & { total_capped: boolean }).total_capped, shown: found.sessions.length };
		};
		expect(await totals({})).toEqual({ total: 1000, capped: true, shown: 20 });
		expect(await totals({ near: { lat: 37.6, lng: 140.9 } })).toEqual({ total: 1000, capped: true, shown: 20 });
		expect(await totals({ page: 51 })).toEqual({ total: 1020, capped: true, shown: 20 });
		expect(await totals({ page: 52 })).toEqual({ total: 1030, capped: false, shown: 10 });
		expect(await totals({ topic: 'line' })).toEqual({ total: 0, capped: false, shown: 0 });
	});

	it.skipIf(!available)('shows a session’s page to anyone, but not a draft or an unknown id', async () => {
		const details = (id: string) => t.db.backend.as(anon).rpc<Row | null>('session_details', { p_session_id: id });
		expect(await details(t.w.sessions.publishedA.id)).toMatchObject({ title: '公開教室A', registration: 'open', seats_left: 7, municipality: { code: townA } });
		expect(await details(t.w.sessions.draftA.id)).toBeNull();
		expect(await details(randomUUID())).toBeNull();
		const text = JSON.stringify(await details(t.w.sessions.publishedB.id));
		expect(text).not.toContain(t.w.seniors.seniorB.phone);
	});

	it.skipIf(!available)('lists every municipality with its area and classes to come', async () => {
		const towns = await t.db.backend.as(anon).rpc<{ code: string; region: string; upcoming: number }[]>('list_municipalities');
		expect(towns).toHaveLength(59);
		expect(towns.find((m) => m.code === townB)).toMatchObject({ region: '会津', upcoming: 1 });
	});

	it.skipIf(!available)('answers a query the app did not write with a coded refusal, never a SQL error', async () => {
		const { codeOf } = await import('./error-code.ts');
		for (const query of [{ page: 'abc' }, { page: 1e12 }, { weekdays: [1.5] }, { weekdays: 3 }, { near: { lat: 'x', lng: 1 } }, { from: '2027-02-30' }, { to: 'tomorrow' }, { part: 'night' }, { sort: 'random' }, { device: 'pager' }]) {
			expect(await codeOf(find(query)), JSON.stringify(query)).toBe('invalid_query');
		}
		expect(await codeOf(t.db.backend.as(anon).rpc('find_sessions', { p_query: [] }))).toBe('invalid_query');
		expect((await find({ page: 2147483647 })).sessions).toEqual([]);
	});
});
