import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anon, DomainError, serviceRole, type Caller } from '../../src/lib/server/db/port.ts';
import { codeOf } from './error-code.ts';
import { backendCases, type Row } from './harness.ts';
import { townA, worldOn } from './world.ts';

interface Registered {
	code: string;
	status: 'confirmed' | 'waitlisted';
	people: number;
	position: number | null;
}

type Person = { full_name: string; name_kana: string; age_band: string; device: string; needs_loaner?: boolean };

let phoneNumber = 0;
/** A phone number no other party in this file uses. */
const newPhone = () => `080-1${String(++phoneNumber).padStart(3, '0')}-${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
const person = (kana: string, name = `見本 ${kana}`): Person => ({ full_name: name, name_kana: kana, age_band: '75_84', device: 'android' });
const kanaFor = (n: number) => ['やまだ', 'すずき', 'さとう', 'たなか', 'いとう'][n % 5]! + ' ' + ['はなこ', 'たろう', 'かずこ', 'いちろう'][Math.floor(n / 5) % 4]! + 'の'.repeat(Math.floor(n / 20));

describe.each(backendCases)('registration on $name', (backend) => {
	const { available } = backend;
	const t = worldOn(backend);
	const as = (caller: Caller) => t.db.backend.as(caller);

	/** A published session of town A starting in `days` days. */
	async function newSession(overrides: Row = {}) {
		const starts = new Date(Date.now() + 5 * 86_400_000);
		const session = {
			id: randomUUID(), municipality_code: townA, venue_id: t.w.venues.venueA.id, topic_id: 'line', title: '申込テスト教室',
			status: 'published', capacity: 20, starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 5_400_000).toISOString(),
			...overrides
		};
		await as(serviceRole).rpc('import_dataset', { p_data: { sessions: [session] } });
		return session;
	}

	/** A registration as the server makes it for a visitor (service_role, the web channel), unless told otherwise. */
	const register = async (sessionId: string, people: Person[], phone = newPhone(), extra: Row = {}, caller: Caller = serviceRole) => {
		const result = await as(caller).rpc<Registered | { refused: string }>('register_for_session', {
			p_session_id: sessionId, p_people: people, p_phone: phone, p_note: '', p_consent: true, p_channel: 'web',
			p_requester: `test-${randomUUID()}`, ...extra
		});
		if ('refused' in result) throw new DomainError(result.refused);
		return result;
	};

	const rows = (sessionId: string) => t.db.select(serviceRole, 'registrations', { session_id: sessionId });

	/** Parties of a session in queue order, with their status and size. */
	async function parties(sessionId: string) {
		const all = (await rows(sessionId)).sort((a, b) => Number(a.queue_seq) - Number(b.queue_seq));
		const byParty = new Map<string, { key: string; status: string; size: number; statuses: Set<string> }>();
		for (const r of all) {
			const key = String(r.party_id ?? r.id);
			const party = byParty.get(key) ?? { key, status: String(r.status), size: 0, statuses: new Set<string>() };
			party.size++;
			party.statuses.add(String(r.status));
			byParty.set(key, party);
		}
		return [...byParty.values()];
	}

	/** The rule: confirmed ≤ capacity, pairs never split, and no waiting party fits in the seats left. */
	async function expectRuleHolds(sessionId: string, capacity: number) {
		const list = await parties(sessionId);
		for (const p of list) expect(p.statuses.size).toBe(1);
		const confirmed = list.filter((p) => p.status === 'confirmed').reduce((n, p) => n + p.size, 0);
		expect(confirmed).toBeLessThanOrEqual(capacity);
		for (const p of list.filter((p) => p.status === 'waitlisted')) expect(p.size).toBeGreaterThan(capacity - confirmed);
		// The counts lists read (kept by a trigger) are the registrations counted one by one.
		const waiting = list.filter((p) => p.status === 'waitlisted').reduce((n, p) => n + p.size, 0);
		const [kept] = await t.db.select(serviceRole, 'sessions', { id: sessionId }, ['seats_confirmed', 'seats_waitlisted']);
		expect(kept).toEqual({ seats_confirmed: confirmed, seats_waitlisted: waiting });
		return { list, confirmed };
	}

	it.skipIf(!available)('gives 20 seats to exactly 20 people out of 100 parties (20 of them pairs) arriving at once; the rest wait in a gap-free order', { timeout: 120_000 }, async () => {
		const session = await newSession({ capacity: 20 });
		const requests = Array.from({ length: 100 }, (_, i) => {
			const people = i % 5 === 0 ? [person(kanaFor(i * 2)), person(kanaFor(i * 2 + 1))] : [person(kanaFor(i * 2))];
			const phone = newPhone();
			return { people, phone, done: register(session.id, people, phone) };
		});
		const results = await Promise.all(requests.map((r) => r.done));

		const { list, confirmed } = await expectRuleHolds(session.id, 20);
		expect(confirmed).toBe(20);
		expect(list.reduce((n, p) => n + p.size, 0)).toBe(120);
		expect(list.filter((p) => p.size === 2)).toHaveLength(20);

		// Each party was told the truth: the status it got is the one it has, and the waiting
		// positions are 1, 2, 3 … in queue order, each once.
		const waiting = results.filter((r) => r.status === 'waitlisted');
		expect(results.filter((r) => r.status === 'confirmed').reduce((n, r) => n + r.people, 0)).toBe(20);
		expect(waiting.map((r) => r.position).sort((a, b) => a! - b!)).toEqual(waiting.map((_, i) => i + 1));
		const looked = await Promise.all(requests.map((r, i) =>
			as(serviceRole).rpc<{ found: boolean; status: string; position: number | null }>('find_registration', { p_code: results[i]!.code, p_phone: r.phone, p_requester: 'lookup' })));
		const queue = list.filter((p) => p.status === 'waitlisted');
		expect(looked.filter((l) => l.status === 'waitlisted').map((l) => l.position).sort((a, b) => a! - b!)).toEqual(queue.map((_, i) => i + 1));
		looked.forEach((l, i) => expect(l.status).toBe(results[i]!.status));
	});

	it.skipIf(!available)('promotes on 30 random cancellations exactly as the written rule says, never over capacity', { timeout: 180_000 }, async () => {
		const capacity = 10;
		const session = await newSession({ capacity });
		const made: { code: string; phone: string; size: number }[] = [];
		for (let i = 0; i < 45; i++) {
			const people = i % 3 === 1 ? [person(kanaFor(i * 2)), person(kanaFor(i * 2 + 1))] : [person(kanaFor(i * 2))];
			const phone = newPhone();
			const result = await register(session.id, people, phone);
			made.push({ code: result.code, phone, size: people.length });
		}
		// The model: parties in queue order, confirmed or waiting, and the rule applied to it.
		const model = (await parties(session.id)).map((p) => ({ ...p }));
		expect(model).toHaveLength(45);
		const lead = new Map((await rows(session.id)).filter((r) => r.confirmation_code).map((r) => [String(r.confirmation_code), String(r.party_id ?? r.id)]));

		const order = [...made.keys()].sort(() => Math.random() - 0.5).slice(0, 30);
		for (const index of order) {
			const { code, phone } = made[index]!;
			const result = await as(serviceRole).rpc<{ found: boolean; cancelled: number }>('cancel_registration', { p_code: code, p_phone: phone, p_requester: 'cancel-test' });
			expect(result).toMatchObject({ found: true, cancelled: made[index]!.size });

			const gone = model.find((p) => p.key === lead.get(code))!;
			gone.status = 'cancelled';
			let free = capacity - model.filter((p) => p.status === 'confirmed').reduce((n, p) => n + p.size, 0);
			for (const p of model) {
				if (p.status !== 'waitlisted' || free <= 0) continue;
				if (p.size <= free) {
					p.status = 'confirmed';
					free -= p.size;
				}
			}
			const actual = await parties(session.id);
			expect(actual.map((p) => [p.key, p.status])).toEqual(model.map((p) => [p.key, p.status]));
			await expectRuleHolds(session.id, capacity);
		}
	});

	it.skipIf(!available)('keeps the rule when 30 cancellations and 20 new registrations arrive at once', { timeout: 180_000 }, async () => {
		const capacity = 20;
		const session = await newSession({ capacity });
		const made: { code: string; phone: string }[] = [];
		for (let i = 0; i < 60; i++) {
			const people = i % 4 === 1 ? [person(kanaFor(i * 2)), person(kanaFor(i * 2 + 1))] : [person(kanaFor(i * 2))];
			const phone = newPhone();
			made.push({ phone, code: (await register(session.id, people, phone)).code });
		}
		const leaving = [...made].sort(() => Math.random() - 0.5).slice(0, 30);
		const before = await parties(session.id);
		await Promise.all([
			...leaving.map((m) => as(serviceRole).rpc('cancel_registration', { p_code: m.code, p_phone: m.phone, p_requester: 'rush' })),
			...Array.from({ length: 20 }, (_, i) => register(session.id, [person(`あらた ${kanaFor(i)}`)]))
		]);
		const { list, confirmed } = await expectRuleHolds(session.id, capacity);
		expect(list.filter((p) => p.status === 'cancelled')).toHaveLength(30);
		expect(confirmed).toBe(capacity);
		// Those who were waiting kept their order among themselves: nobody overtook a party of
		// the same size that was ahead of them.
		const waitingBefore = before.filter((p) => p.status === 'waitlisted').map((p) => p.key);
		const stillWaiting = list.filter((p) => p.status === 'waitlisted').map((p) => p.key);
		for (const size of [1, 2]) {
			const ofSize = (keys: string[]) => keys.filter((k) => list.find((p) => p.key === k)!.size === size);
			const promoted = new Set(ofSize(waitingBefore).filter((k) => !stillWaiting.includes(k) && list.find((p) => p.key === k)!.status === 'confirmed'));
			const order = ofSize(waitingBefore).filter((k) => list.find((p) => p.key === k)!.status !== 'cancelled');
			// Every promoted party of this size came before every one of this size still waiting.
			const lastPromoted = Math.max(-1, ...order.map((k, i) => (promoted.has(k) ? i : -1)));
			const firstWaiting = order.findIndex((k) => stillWaiting.includes(k));
			if (firstWaiting >= 0) expect(lastPromoted).toBeLessThan(firstWaiting);
		}
	});

	it.skipIf(!available)('keeps a pair first in line when one seat frees, gives that seat to the next single, and seats the pair when two are free', async () => {
		const session = await newSession({ capacity: 3 });
		const singles = await Promise.all(['あ', 'い', 'う'].map(async (kana) => {
			const phone = newPhone();
			return { phone, ...(await register(session.id, [person(kana)], phone)) };
		}));
		expect(singles.map((s) => s.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
		const pairPhone = newPhone();
		const pair = await register(session.id, [person('ふうふ おっと'), person('ふうふ つま')], pairPhone);
		expect(pair).toMatchObject({ status: 'waitlisted', position: 1, people: 2 });
		const laterPhone = newPhone();
		const later = await register(session.id, [person('あと')], laterPhone);
		expect(later).toMatchObject({ status: 'waitlisted', position: 2 });

		const cancel = (s: { code: string; phone: string }) => as(serviceRole).rpc('cancel_registration', { p_code: s.code, p_phone: s.phone, p_requester: 'pair-rule' });
		const look = (code: string, phone: string) => as(serviceRole).rpc<{ status: string; position: number | null }>('find_registration', { p_code: code, p_phone: phone, p_requester: 'pair-rule' });
		await cancel(singles[0]!);
		expect(await look(later.code, laterPhone)).toMatchObject({ status: 'confirmed' });
		expect(await look(pair.code, pairPhone)).toMatchObject({ status: 'waitlisted', position: 1 });
		await cancel(singles[1]!);
		expect(await look(pair.code, pairPhone)).toMatchObject({ status: 'waitlisted', position: 1 });
		await cancel(singles[2]!);
		expect(await look(pair.code, pairPhone)).toMatchObject({ status: 'confirmed' });
		await expectRuleHolds(session.id, 3);
	});

	it.skipIf(!available)('knows a senior however they type: full-width digits, half-width kana, hiragana or katakana, either width of space', async () => {
		const session = await newSession();
		const first = await register(session.id, [person('ﾔﾏﾀﾞ ﾊﾅｺ', '山田 花子')], '０９０－１２３４－５６７８');
		expect(await codeOf(register(session.id, [person('やまだ はなこ', '山田 花子')], '090ー1234ー5678'))).toBe('already_registered');
		expect(first.status).toBe('confirmed');
		expect(first.code).toMatch(/^[ACDEFHJKMNPRTWXY34679]{8}$/);
		expect(await codeOf(register(session.id, [person('やまだ　はなこ', '山田花子')], '090 1234 5678'))).toBe('already_registered');
		expect(await codeOf(register(session.id, [person('ヤマダハナコ', '山田 花子')], '09012345678'))).toBe('already_registered');
		// Someone who cannot type kana may give the reading in the Latin alphabet.
		expect((await register(session.id, [person('Hanako Yamada', 'Hanako Yamada')])).status).toBe('confirmed');
		expect((await rows(session.id))).toHaveLength(2);

		const [stored] = await t.db.select(serviceRole, 'participants', { match_phone: '09012345678', municipality_code: townA });
		expect(stored).toMatchObject({ full_name: '山田 花子', name_kana: 'ヤマダ ハナコ', phone: '09012345678' });
		// Found again with the code typed in lower case with a space and a hyphen.
		const shown = await as(serviceRole).rpc<Row>('find_registration', { p_code: ` ${first.code.slice(0, 4).toLowerCase()}-${first.code.slice(4)} `, p_phone: '090-1234-5678', p_requester: 'typing' });
		expect(shown).toEqual(expect.objectContaining({ found: true, status: 'confirmed', people: [{ name_kana: 'ヤマダ ハナコ', status: 'confirmed' }] }));
		// With the class as its public page shows it, in the same call (the /r page makes one).
		expect(shown.session).toEqual(await as(anon).rpc('session_details', { p_session_id: session.id }));
	});

	it.skipIf(!available)('refuses a third person on one phone number at one session, and the same person twice in one request', async () => {
		const session = await newSession();
		const phone = newPhone();
		await register(session.id, [person('いち'), person('に')], phone);
		expect(await codeOf(register(session.id, [person('さん')], phone))).toBe('phone_limit_at_session');
		expect(await codeOf(register(session.id, [person('よん'), person('ヨン')], newPhone()))).toBe('same_person_twice');
		expect(await rows(session.id)).toHaveLength(2);
	});

	it.skipIf(!available)('refuses drafts, cancelled, closed, started and unknown sessions with their own reasons', async () => {
		const soon = new Date(Date.now() + 86_400_000);
		const cases: [Row | null, string][] = [
			[{ status: 'draft' }, 'session_not_found'],
			[{ status: 'cancelled' }, 'session_cancelled'],
			[{ registration_closes_at: new Date(Date.now() - 60_000).toISOString(), starts_at: soon.toISOString(), ends_at: new Date(soon.getTime() + 3_600_000).toISOString() }, 'registration_closed'],
			[{ starts_at: new Date(Date.now() - 3_600_000).toISOString(), ends_at: new Date(Date.now() + 3_600_000).toISOString() }, 'session_started'],
			[null, 'session_not_found']
		];
		for (const [overrides, expected] of cases) {
			const id = overrides ? (await newSession(overrides)).id : randomUUID();
			expect(await codeOf(register(id, [person('しめきり')]))).toBe(expected);
			expect(await t.db.select(serviceRole, 'registrations', { session_id: id })).toEqual([]);
		}
	});

	it.skipIf(!available)('stores nothing from bad input, and says what was wrong', async () => {
		const session = await newSession();
		const before = (await t.db.select(serviceRole, 'participants')).length;
		const bad: [Partial<Person> | null, Row, string][] = [
			[{ full_name: '' }, {}, 'name_required'],
			[{ full_name: 'あ'.repeat(10_000) }, {}, 'name_too_long'],
			[{ name_kana: '' }, {}, 'kana_required'],
			[{ name_kana: 'やまだ😀' }, {}, 'invalid_kana'],
			[{ name_kana: '<script>alert(1)</script>' }, {}, 'invalid_kana'],
			[{ name_kana: 'ー' }, {}, 'invalid_kana'],
			[{ age_band: '120' }, {}, 'invalid_age_band'],
			[{ device: 'pager' }, {}, 'invalid_device'],
			[{}, { p_phone: '12345' }, 'invalid_phone'],
			[{}, { p_phone: '090-1234-5678<script>' }, 'invalid_phone'],
			[{}, { p_phone: '0'.repeat(40) }, 'invalid_phone'],
			[{}, { p_note: 'x'.repeat(201) }, 'note_too_long'],
			[{}, { p_note: 'bell\u0007' }, 'invalid_note'],
			[{}, { p_consent: false }, 'consent_required'],
			[{}, { p_channel: 'fax' }, 'invalid_request'],
			[{}, { p_requester: null }, 'invalid_request'],
			[null, { p_people: [] }, 'invalid_party_size'],
			[null, { p_people: [person('あ'), person('い'), person('う')] }, 'invalid_party_size'],
			[null, { p_people: { full_name: 'x' } }, 'invalid_party_size'],
			[null, { p_people: ['x'] }, 'invalid_request'],
			// A NUL byte cannot be stored as text at all: refused before the function runs.
			[{}, { p_note: 'a\u0000b' }, 'invalid_request'],
			[{ full_name: 'a\u0000b' }, {}, 'invalid_request']
		];
		for (const [change, extra, expected] of bad) {
			const people = change ? [{ ...person('ただしい'), ...change }] : [];
			expect(await codeOf(register(session.id, people, newPhone(), extra)), expected).toBe(expected);
		}
		expect(await rows(session.id)).toEqual([]);
		expect(await t.db.select(serviceRole, 'participants')).toHaveLength(before);
		expect(await codeOf(as(serviceRole).rpc('find_registration', { p_code: 'ABCD\u0000', p_phone: '090', p_requester: 'nul' }))).toBe('invalid_request');
	});

	it.skipIf(!available)('lets staff register by phone for their own town only, recording who did', async () => {
		const session = await newSession();
		const byPhone = { p_channel: 'phone', p_requester: null };
		expect(await codeOf(register(session.id, [person('でんわ')], newPhone(), byPhone))).toBe('not_allowed');
		expect(await codeOf(register(session.id, [person('でんわ')], newPhone(), byPhone, t.w.users.staffB))).toBe('not_allowed');
		const made = await register(session.id, [person('でんわ')], newPhone(), byPhone, t.w.users.staffA);
		expect(made.status).toBe('confirmed');
		const [row] = await rows(session.id);
		expect(row).toMatchObject({ channel: 'phone', registered_by: t.w.users.staffA.id });
	});

	it.skipIf(!available)('limits one address to 30 registrations a day and one phone number to 10 people a day', { timeout: 60_000 }, async () => {
		const session = await newSession({ capacity: 500 });
		const requester = `busy-${randomUUID()}`;
		for (let i = 0; i < 30; i++) await register(session.id, [person(kanaFor(i))], newPhone(), { p_requester: requester });
		expect(await codeOf(register(session.id, [person('おおすぎ')], newPhone(), { p_requester: requester }))).toBe('too_many_from_here');

		const phone = newPhone();
		for (let i = 0; i < 5; i++) {
			const other = await newSession();
			await register(other.id, [person('まいにち'), person('まいにち つま')], phone);
		}
		const sixth = await newSession();
		expect(await codeOf(register(sixth.id, [person('まいにち')], phone))).toBe('too_many_for_phone');
		expect(await rows(sixth.id)).toEqual([]);
	});

	it.skipIf(!available)('answers wrong codes plainly, and after ten from one address refuses even a right one for an hour', async () => {
		const session = await newSession();
		const phone = newPhone();
		const made = await register(session.id, [person('ただしい')], phone);
		const requester = `guess-${randomUUID()}`;
		const look = (code: string, number = phone) => as(serviceRole).rpc('find_registration', { p_code: code, p_phone: number, p_requester: requester });
		expect(await look(made.code, '090-9999-9999')).toEqual({ found: false });
		for (let i = 0; i < 9; i++) expect(await look(`WRONG${i}`)).toEqual({ found: false });
		expect(await codeOf(look(made.code))).toBe('too_many_attempts');
		expect(await codeOf(as(serviceRole).rpc('cancel_registration', { p_code: made.code, p_phone: phone, p_requester: requester }))).toBe('too_many_attempts');
		expect((await rows(session.id))[0]).toMatchObject({ status: 'confirmed' });
	});

	it.skipIf(!available)('still shows a visitor no one’s personal data', async () => {
		const session = await newSession();
		await register(session.id, [person('ひみつ', '秘密 太郎')], '090-5555-0001');
		expect(await t.db.select(anon, 'participants').catch(() => [])).toEqual([]);
		expect(await t.db.select(anon, 'registrations').catch(() => [])).toEqual([]);
		expect(await t.db.insert(t.w.users.staffA, 'registrations', { ...t.w.registrations.registrationA, id: randomUUID(), confirmation_code: 'STAFF123' })).not.toBeNull();
		expect(await t.db.update(t.w.users.staffA, 'registrations', { id: t.w.registrations.registrationA.id }, { status: 'waitlisted' }).catch(() => 0)).toBe(0);
	});

	it.skipIf(!available)('takes web registrations and code lookups from the server only: a visitor with the public key cannot name its own address', async () => {
		const session = await newSession();
		const web = { p_session_id: session.id, p_people: [person('じぶんで')], p_phone: newPhone(), p_consent: true, p_channel: 'web', p_requester: 'spoofed' };
		expect(await codeOf(as(anon).rpc('register_for_session', web))).toBe('not_allowed');
		expect(await codeOf(as(t.w.users.member).rpc('register_for_session', web))).toBe('not_allowed');
		expect(await codeOf(as(t.w.users.staffA).rpc('register_for_session', web))).toBe('not_allowed');
		for (const caller of [anon, t.w.users.member]) {
			expect(await codeOf(as(caller).rpc('find_registration', { p_code: 'ACDEFHJK', p_phone: '09000000000', p_requester: 'x' }))).toBe('not_allowed');
			expect(await codeOf(as(caller).rpc('cancel_registration', { p_code: 'ACDEFHJK', p_phone: '09000000000', p_requester: 'x' }))).toBe('not_allowed');
		}
		expect(await rows(session.id)).toEqual([]);
	});

	it.skipIf(!available)('counts "already registered" answers against the address, so guessing who is registered is as limited as registering', { timeout: 60_000 }, async () => {
		const session = await newSession();
		const phone = newPhone();
		await register(session.id, [person('ねらわれ')], phone);
		const requester = `prober-${randomUUID()}`;
		for (let i = 0; i < 30; i++) {
			expect(await codeOf(register(session.id, [person('ねらわれ')], phone, { p_requester: requester }))).toBe('already_registered');
		}
		expect(await codeOf(register(session.id, [person('ねらわれ')], phone, { p_requester: requester }))).toBe('too_many_from_here');
		expect(await rows(session.id)).toHaveLength(1);
	});

	it.skipIf(!available)('seats the waiting list when staff add seats or publish a class again, and refuses fewer seats than are confirmed', async () => {
		const session = await newSession({ capacity: 2 });
		const made: (Registered & { phone: string })[] = [];
		for (const kana of ['いち', 'に', 'さん', 'よん']) {
			const phone = newPhone();
			made.push({ phone, ...(await register(session.id, [person(kana)], phone)) });
		}
		expect(made.map((m) => m.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
		const status = async (i: number) => (await as(serviceRole).rpc<{ status: string }>('find_registration', { p_code: made[i]!.code, p_phone: made[i]!.phone, p_requester: 'staff-change' })).status;
		expect(await t.db.update(t.w.users.staffA, 'sessions', { id: session.id }, { capacity: 3 })).toBe(1);
		expect(await status(2)).toBe('confirmed');
		expect(await status(3)).toBe('waitlisted');
		await expect(t.db.update(t.w.users.staffA, 'sessions', { id: session.id }, { capacity: 2 })).rejects.toThrow(/capacity_below_confirmed/);
		expect(await t.db.update(t.w.users.staffA, 'sessions', { id: session.id }, { status: 'cancelled' })).toBe(1);
		await as(serviceRole).rpc('import_dataset', { p_data: {} });
		expect(await t.db.update(t.w.users.staffA, 'sessions', { id: session.id }, { status: 'published', capacity: 4 })).toBe(1);
		expect(await status(3)).toBe('confirmed');
		await expectRuleHolds(session.id, 4);
	});

	it.skipIf(!available)('holds the per-phone daily limit and the wrong-code limit in parallel, and a pair at two classes at once does not deadlock', { timeout: 120_000 }, async () => {
		const phone = newPhone();
		const sessions = await Promise.all(Array.from({ length: 15 }, () => newSession()));
		const outcomes = await Promise.all(sessions.map((s, i) => codeOf(register(s.id, [person(kanaFor(i))], phone))));
		expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
		expect(outcomes.filter((o) => o === 'too_many_for_phone')).toHaveLength(5);

		const requester = `parallel-${randomUUID()}`;
		const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) =>
			codeOf(as(serviceRole).rpc('find_registration', { p_code: `WRONG${String(i).padStart(3, '0')}`, p_phone: phone, p_requester: requester }))));
		expect(guesses.filter((g) => g === 'ok')).toHaveLength(10);
		expect(guesses.filter((g) => g === 'too_many_attempts')).toHaveLength(20);

		const [s1, s2] = await Promise.all([newSession(), newSession()]);
		for (let round = 0; round < 10; round++) {
			const pairPhone = newPhone();
			const a = person(`ふうふ あ${kanaFor(round)}`);
			const b = person(`ふうふ い${kanaFor(round)}`);
			const both = await Promise.all([codeOf(register(s1.id, [a, b], pairPhone)), codeOf(register(s2.id, [b, a], pairPhone))]);
			expect(both).toEqual(['ok', 'ok']);
		}
	});

	it.skipIf(!available)('refuses names that are not text, or that hide characters', async () => {
		const session = await newSession();
		const bad: [Row, string][] = [
			[{ full_name: { a: 1 } }, 'invalid_request'],
			[{ full_name: 12345 }, 'invalid_request'],
			[{ name_kana: ['や'] }, 'invalid_request'],
			[{ full_name: '\u200b' }, 'invalid_name'],
			[{ full_name: '見本\u202e太郎' }, 'invalid_name']
		];
		for (const [change, expected] of bad) {
			expect(await codeOf(register(session.id, [{ ...person('ただしい'), ...change } as Person])), JSON.stringify(change)).toBe(expected);
		}
		expect(await codeOf(register(session.id, [person('ただしい')], newPhone(), { p_note: 'abc\u202edef' }))).toBe('invalid_note');
		expect(await rows(session.id)).toEqual([]);
	});
});
