import { randomUUID } from 'node:crypto';
import { serviceRole } from '../../src/lib/server/db/port.ts';
import { seedReferenceData } from '../../src/lib/server/seed/seed.ts';
import { afterAll, beforeAll } from 'vitest';
import type { BackendCase, Member, TestDb } from './harness.ts';

export const townA = '072010'; // 福島市
export const townB = '072028'; // 会津若松市

const inDays = (days: number, hour = 10) => {
	const at = new Date(Date.now() + days * 86_400_000);
	at.setUTCHours(hour - 9, 0, 0, 0);
	return at;
};

let phone = 0;
function senior(municipality_code: string, name: string) {
	phone++;
	return {
		id: randomUUID(), municipality_code, full_name: name, name_kana: 'てすと', age_band: '75_84',
		phone: `090-0000-${String(phone).padStart(4, '0')}`
	};
}

function session(municipality_code: string, venue_id: string, status: string, days: number, title: string) {
	const starts = inDays(days);
	return {
		id: randomUUID(), municipality_code, venue_id, topic_id: 'basics', title, status, capacity: 8,
		starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 90 * 60_000).toISOString()
	};
}

/**
 * Two towns, each with a published and a draft session and one registered senior; a
 * prefecture admin, staff of each town, a certified supporter assigned to town A's session
 * and one in town B whose basic course is not certified yet.
 */
export async function buildWorld(db: TestDb) {
	await seedReferenceData(db.backend);
	const [admin, staffA, staffB, supporterA, supporterB, member]: Member[] = await Promise.all(
		['admin', 'staff-a', 'staff-b', 'supporter-a', 'supporter-b', 'member'].map((label) => db.newUser(label))
	) as [Member, Member, Member, Member, Member, Member];

	const venueA = { id: randomUUID(), municipality_code: townA, name: 'テスト公民館A', address: '福島市見本町1-1' };
	const venueB = { id: randomUUID(), municipality_code: townB, name: 'テスト公民館B', address: '会津若松市見本町1-1' };
	const publishedA = session(townA, venueA.id, 'published', 10, '公開教室A');
	const draftA = session(townA, venueA.id, 'draft', 12, '下書き教室A');
	const publishedB = session(townB, venueB.id, 'published', 11, '公開教室B');
	const draftB = session(townB, venueB.id, 'draft', 13, '下書き教室B');
	const seniorA = senior(townA, '見本 太郎');
	const seniorB = senior(townB, '試験 花子');
	const registration = (s: { id: string; municipality_code: string }, p: { id: string }, code: string) => ({
		id: randomUUID(), session_id: s.id, municipality_code: s.municipality_code, participant_id: p.id,
		status: 'confirmed', device: 'android', channel: 'phone', confirmation_code: code,
		consented_at: new Date().toISOString()
	});
	const registrationA = registration(publishedA, seniorA, `TA${randomUUID().slice(0, 6).toUpperCase().replace(/-/g, '0')}`);
	const registrationB = registration(publishedB, seniorB, `TB${randomUUID().slice(0, 6).toUpperCase().replace(/-/g, '0')}`);
	const supporterProfileA = { id: randomUUID(), user_id: supporterA.id, municipality_code: townA, display_name: 'サポーターA', phone: '090-0000-9101', active: true };
	const supporterProfileB = { id: randomUUID(), user_id: supporterB.id, municipality_code: townB, display_name: 'サポーターB', phone: '090-0000-9102', active: true };

	await db.backend.as(serviceRole).rpc('import_dataset', {
		p_data: {
			venues: [venueA, venueB],
			sessions: [publishedA, draftA, publishedB, draftB],
			participants: [seniorA, seniorB],
			registrations: [registrationA, registrationB],
			supporters: [supporterProfileA, supporterProfileB],
			supporter_trainings: [
				{ id: randomUUID(), supporter_id: supporterProfileA.id, course: 'basic', completed_on: '2026-05-10', certified_at: '2026-05-20T00:00:00Z', certified_by: admin.id },
				{ id: randomUUID(), supporter_id: supporterProfileB.id, course: 'basic', completed_on: '2026-06-10' }
			],
			session_staffing: [
				{ session_id: publishedA.id, municipality_code: townA, supporter_id: supporterProfileA.id, status: 'assigned' }
			],
			role_grants: [
				{ user_id: admin.id, role: 'prefecture_admin', prefecture_code: '07', municipality_code: null },
				{ user_id: staffA.id, role: 'municipality_staff', prefecture_code: '07', municipality_code: townA },
				{ user_id: staffB.id, role: 'municipality_staff', prefecture_code: '07', municipality_code: townB }
			]
		}
	});

	return {
		users: { admin, staffA, staffB, supporterA, supporterB, member },
		venues: { venueA, venueB },
		sessions: { publishedA, draftA, publishedB, draftB },
		seniors: { seniorA, seniorB },
		registrations: { registrationA, registrationB },
		supporters: { supporterProfileA, supporterProfileB }
	};
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * Opens a fresh database with a world in it before the suite's tests, closes it after.
 * Read `.db` and `.w` (the world) inside tests.
 */
export function worldOn(backend: BackendCase) {
	const state = {} as { db: TestDb; w: World };
	beforeAll(async () => {
		if (!backend.available) return;
		state.db = await backend.open();
		state.w = await buildWorld(state.db);
	});
	afterAll(() => state.db?.close());
	return state;
}
