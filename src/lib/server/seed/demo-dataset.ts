import { randomUUID } from 'node:crypto';
import { fiscalYearOf } from '../../domain/wareki.ts';
import type { DemoAccount } from './demo-accounts.ts';
import { demoPerson } from './demo-people.ts';
import { demoVenues } from './demo-venues.ts';

type Row = Record<string, unknown>;
export type Dataset = Record<string, Row[]>;

const topics = ['basics', 'line', 'text_input', 'qr_code', 'my_number', 'fraud', 'disaster', 'photos', 'maps', 'cashless'];
const topicTitles: Record<string, string> = {
	basics: 'はじめてのスマホ教室',
	line: 'LINEで家族とつながろう',
	text_input: '文字入力をやってみよう',
	qr_code: 'QRコードを読み取ってみよう',
	my_number: 'マイナポータルを使ってみよう',
	fraud: 'スマホの詐欺にだまされない',
	disaster: '防災アプリで身を守る',
	photos: 'スマホで写真を楽しもう',
	maps: '地図アプリで出かけよう',
	cashless: 'キャッシュレス決済入門'
};

/** A small deterministic random source, so every seed looks alike. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A moment in Japan time (UTC+9, no daylight saving). */
const jst = (year: number, month: number, day: number, hour: number, minute = 0) =>
	new Date(Date.UTC(year, month - 1, day, hour - 9, minute));

/**
 * Demo data for the fiscal year around `today`: sessions from April to March, past ones
 * held with registrations and attendance, future ones open with some registrations.
 */
export function buildDemoDataset(today: Date, accounts: Record<DemoAccount, string>): Dataset {
	const rand = random(20250401);
	const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
	const fiscalYear = fiscalYearOf(today);
	const data: Dataset = {
		venues: [], sessions: [], supporters: [], supporter_trainings: [], session_staffing: [],
		participants: [], registrations: [], attendance: [], targets: [], role_grants: [], role_grant_audit: []
	};

	const venues = demoVenues.map((v) => ({
		id: randomUUID(), ...v,
		access: 'バス停「見本町」から徒歩3分', parking: '無料駐車場あり(20台)', barrier_free: '入口にスロープ、車いす用トイレあり'
	}));
	data.venues = venues;

	// Each municipality keeps a pool of seniors who come back, so 実人数 < 延べ.
	const pools = new Map<string, Row[]>();
	let personNumber = 0;
	const poolOf = (code: string) => {
		if (!pools.has(code)) {
			const people = Array.from({ length: 14 }, () => ({
				id: randomUUID(), municipality_code: code, ...demoPerson(personNumber++)
			}));
			pools.set(code, people);
			data.participants!.push(...people);
		}
		return pools.get(code)!;
	};

	let codeNumber = 0;
	venues.forEach((venue, v) => {
		for (let k = 0; k < 8; k++) {
			const month = ((v + k * 3) % 12) + 4; // April (4) … March (15)
			const year = month > 12 ? fiscalYear + 1 : fiscalYear;
			const day = 3 + ((v * 7 + k * 5) % 24);
			const morning = (v + k) % 2 === 0;
			const startsAt = jst(year, ((month - 1) % 12) + 1, day, morning ? 10 : 13, morning ? 0 : 30);
			const endsAt = new Date(startsAt.getTime() + 90 * 60_000);
			const topic = topics[(v * 4 + k) % topics.length]!;
			const capacity = pick([6, 7, 8, 10]);
			const past = endsAt < today;
			const status = !past && k % 4 === 3 && v % 4 === 0 ? 'draft' : 'published';
			const session = {
				id: randomUUID(), municipality_code: venue.municipality_code, venue_id: venue.id, topic_id: topic,
				format: v === 11 ? 'outreach' : 'class', title: topicTitles[topic], capacity, status,
				description: 'スマートフォンの使い方を、デジタルサポーターがいっしょにお手伝いします。スマホをお持ちでない方には貸し出しもあります。',
				starts_at: startsAt.toISOString(), ends_at: endsAt.toISOString(), contact_phone: '024-000-0000',
				what_to_bring: topic === 'my_number' ? 'スマートフォン、マイナンバーカード、暗証番号のメモ' : 'お持ちのスマートフォン(充電しておいてください)',
				device_focus: v % 3 === 0 ? 'any' : v % 3 === 1 ? 'android' : 'iphone',
				cancel_reason: '',
				registration_closes_at: null as string | null
			};
			data.sessions!.push(session);
			if (status !== 'published') continue;

			const people = poolOf(venue.municipality_code);
			// One future session per town is over-full, to show the waiting list.
			const wanted = past ? 3 + Math.floor(rand() * (capacity - 2)) : k === 2 ? capacity + 2 : Math.floor(rand() * capacity);
			const chosen = [...people].sort(() => rand() - 0.5).slice(0, Math.min(wanted, people.length));
			chosen.forEach((person, i) => {
				const registration = {
					id: randomUUID(), session_id: session.id, municipality_code: venue.municipality_code,
					participant_id: person.id, status: i < capacity ? 'confirmed' : 'waitlisted',
					device: pick(['iphone', 'android', 'android', 'none']), needs_loaner: false,
					channel: pick(['web', 'phone', 'phone', 'counter']),
					confirmation_code: `DEMO${String(++codeNumber).padStart(4, '0')}`,
					consented_at: new Date(startsAt.getTime() - 7 * 86_400_000).toISOString()
				};
				registration.needs_loaner = registration.device === 'none';
				data.registrations!.push(registration);
				if (past && registration.status === 'confirmed') {
					data.attendance!.push({
						id: randomUUID(), session_id: session.id, municipality_code: venue.municipality_code,
						participant_id: person.id, registration_id: registration.id, attended: rand() < 0.88,
						walk_in: false, nonce: randomUUID()
					});
				}
			});
		}
	});

	// Among the classes to come, whatever the date: one called off, and one whose web
	// registration has closed (phone only now), so the demo shows both.
	const upcoming = data.sessions!
		.filter((s) => s.status === 'published' && Date.parse(s.starts_at as string) > today.getTime())
		.sort((a, b) => Date.parse(a.starts_at as string) - Date.parse(b.starts_at as string));
	const [toCancel, toClose] = [upcoming[3], upcoming[4]];
	if (toCancel) Object.assign(toCancel, { status: 'cancelled', cancel_reason: '講師の都合により中止します。申し訳ありません。' });
	if (toClose) toClose.registration_closes_at = new Date(today.getTime() - 3_600_000).toISOString();

	addSupporters(data, accounts, fiscalYear, today);
	addTargetsAndRoles(data, accounts, fiscalYear);
	return data;
}

function addSupporters(data: Dataset, accounts: Record<DemoAccount, string>, fiscalYear: number, today: Date) {
	const profiles = [
		{ user_id: accounts.supporter, municipality_code: '072010', display_name: '見本 さぽ子', kana: 'みほん さぽこ', phone: '090-0000-9001', skills: ['iphone', 'line', 'basics', 'photos'], availability: ['tue_am', 'thu_am', 'thu_pm'] },
		{ user_id: accounts.supporter2, municipality_code: '072028', display_name: '試験 支援', kana: 'しけん しえん', phone: '090-0000-9002', skills: ['android', 'my_number', 'fraud'], availability: ['mon_pm', 'wed_pm', 'sat_am'] },
		{ user_id: accounts.supporter3, municipality_code: '072036', display_name: '仮名 てつだい', kana: 'かめい てつだい', phone: '090-0000-9003', skills: ['iphone', 'android', 'cashless', 'disaster'], availability: ['fri_am', 'fri_pm'] }
	].map((profile) => ({ id: randomUUID(), ...profile, active: true, activated_at: `${fiscalYear}-05-01T00:00:00Z` }));
	data.supporters = profiles;
	profiles.forEach((supporter, i) => {
		data.supporter_trainings!.push({
			id: randomUUID(), supporter_id: supporter.id, course: 'basic', completed_on: `${fiscalYear}-05-${10 + i}`,
			certified_at: new Date(Date.UTC(fiscalYear, 4, 20)).toISOString(), certified_by: accounts.admin
		});
		if (i === 0) {
			data.supporter_trainings!.push({
				id: randomUUID(), supporter_id: supporter.id, course: 'step_up', completed_on: `${fiscalYear}-09-12`,
				certified_at: null, certified_by: null
			});
		}
		const theirs = data.sessions!.filter((s) => s.municipality_code === supporter.municipality_code && s.status === 'published');
		theirs.forEach((session, j) => {
			const status = j % 3 === 2 ? 'offered' : 'assigned';
			const [starts, ends] = [Date.parse(session.starts_at as string), Date.parse(session.ends_at as string)];
			// Classes already held: the assigned supporter came, for the whole class (their hours, and the dashboards' active supporters).
			const came = status === 'assigned' && starts < today.getTime();
			data.session_staffing!.push({
				session_id: session.id, municipality_code: session.municipality_code, supporter_id: supporter.id, status,
				...(came ? { attended: true, minutes_helped: Math.round((ends - starts) / 60_000) } : {})
			});
		});
	});
}

function addTargetsAndRoles(data: Dataset, accounts: Record<DemoAccount, string>, fiscalYear: number) {
	data.targets = [
		{ fiscal_year: fiscalYear, prefecture_code: '07', municipality_code: null, metric: 'senior_participants', value: 930, set_by: accounts.admin },
		{ fiscal_year: fiscalYear, prefecture_code: '07', municipality_code: null, metric: 'municipalities_holding', value: 20, set_by: accounts.admin },
		{ fiscal_year: fiscalYear, prefecture_code: '07', municipality_code: '072010', metric: 'senior_participants', value: 60, set_by: accounts.staffFukushima },
		{ fiscal_year: fiscalYear, prefecture_code: '07', municipality_code: '072028', metric: 'senior_participants', value: 40, set_by: accounts.staffAizu }
	];
	data.role_grants = [
		{ user_id: accounts.admin, role: 'prefecture_admin', prefecture_code: '07', municipality_code: null, granted_by: null },
		{ user_id: accounts.staffFukushima, role: 'municipality_staff', prefecture_code: '07', municipality_code: '072010', granted_by: accounts.admin },
		{ user_id: accounts.staffAizu, role: 'municipality_staff', prefecture_code: '07', municipality_code: '072028', granted_by: accounts.admin }
	];
	data.role_grant_audit = data.role_grants.map((grant) => ({
		actor_id: grant.granted_by, subject_id: grant.user_id, action: 'grant', role: grant.role,
		prefecture_code: grant.prefecture_code, municipality_code: grant.municipality_code
	}));
}
