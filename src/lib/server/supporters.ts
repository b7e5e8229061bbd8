import type { Db } from './db/port.ts';
import type { SessionFormat } from '../domain/session.ts';
import type { CalendarEntry } from './registrations.ts';
import { listMunicipalities, listTopics } from './sessions.ts';

// Digital supporters (issue 10): each call is one SQL function (20261201001000), which
// decides who may do what.

export type SupporterStatus = 'applied' | 'active' | 'inactive';
export type StaffingStatus = 'offered' | 'asked' | 'assigned' | 'declined' | 'withdrawn';

export interface SupporterProfileInput {
	display_name: string;
	kana: string;
	municipality_code: string;
	travel_codes: string[];
	phone: string;
	skills: string[];
	availability: string[];
	note: string;
}

export interface MySupporter extends Omit<SupporterProfileInput, 'municipality_code'> {
	id: string;
	municipality_code: string;
	municipality_name: string;
	status: SupporterStatus;
	certified: boolean;
	lead: boolean;
	trainings: { course: string; name_ja: string; name_en: string; completed_on: string; certified: boolean }[];
}

export interface SupporterSession {
	id: string;
	title: string;
	format: SessionFormat;
	topic_id: string;
	starts_at: string;
	ends_at: string;
	municipality_code: string;
	municipality_name: string;
	venue_name: string;
	venue_address: string;
	device_focus: 'any' | 'iphone' | 'android';
	what_to_bring: string;
	registered: number;
	capacity: number;
	status: 'published' | 'cancelled' | 'draft';
	supporters_needed: number;
	supporters_confirmed: number;
	my_status: StaffingStatus | null;
	withdraw_until: string;
	/** Still in time to withdraw (a request not yet accepted: until the class starts). */
	can_withdraw: boolean;
	contact_phone: string;
	skill_match: boolean;
	/** The class starts in a half day the supporter usually helps. */
	time_match: boolean;
	supporter_notes: string;
}

export interface SessionStaffing {
	needed: number;
	staffing: { supporter_id: string; display_name: string; kana: string; phone: string; status: StaffingStatus; certified: boolean; lead: boolean; attended: boolean | null; minutes_helped: number | null }[];
	suggestions: { supporter_id: string; display_name: string; kana: string; municipality_name: string; skill_match: boolean; time_match: boolean; lead: boolean; distance_km: number | null; recent_sessions: number }[];
}

export interface RosterRow {
	id: string;
	display_name: string;
	kana: string;
	phone: string;
	municipality_code: string;
	municipality_name: string;
	home: boolean;
	status: SupporterStatus;
	skills: string[];
	availability: string[];
	courses: string[];
	note: string;
	certified: boolean;
	lead: boolean;
	last_helped: string | null;
}

export const mine = (db: Db) => db.rpc<MySupporter | null>('my_supporter');
export const saveMine = (db: Db, profile: SupporterProfileInput) => db.rpc<{ id: string; status: SupporterStatus }>('save_my_supporter_profile', { p_profile: profile });
export const setMyActive = (db: Db, active: boolean) => db.rpc<{ status: SupporterStatus; kept: number }>('set_my_supporter_active', { p_active: active });
export const sessionsForMe = (db: Db) => db.rpc<{ mine: SupporterSession[]; open: SupporterSession[] }>('supporter_sessions');
export const offerHelp = (db: Db, sessionId: string) => db.rpc<{ status: StaffingStatus }>('offer_help', { p_session_id: sessionId });
export const withdrawHelp = (db: Db, sessionId: string) => db.rpc<{ status: 'withdrawn' }>('withdraw_help', { p_session_id: sessionId });
export const calendarToken = (db: Db, renew = false) => db.rpc<string>('my_calendar_token', { p_renew: renew });
/** The server's call (service_role) for the feed; tests call it directly. */
export const calendar = (db: Db, token: string) => db.rpc<CalendarEntry[] | null>('supporter_calendar', { p_token: token });

export const roster = (db: Db, municipalityCode: string) => db.rpc<RosterRow[]>('town_supporters', { p_municipality_code: municipalityCode });
export const setActive = (db: Db, supporterId: string, active: boolean) => db.rpc<{ id: string; status: SupporterStatus }>('set_supporter_active', { p_supporter_id: supporterId, p_active: active });
export const recordTraining = (db: Db, supporterId: string, course: string, completedOn: string) =>
	db.rpc<{ supporter_id: string; course: string; certified: boolean }>('record_training', { p_supporter_id: supporterId, p_course: course, p_completed_on: completedOn });
export const importTraining = (db: Db, course: string, completedOn: string, rows: { row: number; email: string; name: string }[], allOrNothing: boolean) =>
	db.rpc<{ imported: number; errors: { row: number; reason: string }[] }>('import_training', { p_course: course, p_completed_on: completedOn, p_rows: rows, p_all_or_nothing: allOrNothing });
export const forSession = (db: Db, sessionId: string) => db.rpc<SessionStaffing>('session_supporters', { p_session_id: sessionId });
export const staff = (db: Db, sessionId: string, supporterId: string, action: 'assign' | 'decline' | 'ask' | 'remove') =>
	db.rpc<{ status: StaffingStatus; supporters_confirmed: number }>('staff_supporter', { p_session_id: sessionId, p_supporter_id: supporterId, p_action: action });

/** What the profile form offers: the municipalities (grouped on the page) and the topics. */
export async function profileChoices(db: Db) {
	const [towns, topics] = await Promise.all([listMunicipalities(db), listTopics(db)]);
	return { towns, topics };
}
export const courses = (db: Db) => db.rpc<{ code: string; name_ja: string; name_en: string }[]>('list_training_courses');

export interface Activity {
	display_name: string;
	kana: string;
	fiscal_year: number;
	sessions: { id: string; title: string; starts_at: string; ends_at: string; municipality_name: string; minutes_helped: number }[];
	count: number;
	minutes: number;
}

/** Staff, after a class: whether an assigned supporter came, and for how many minutes (the class's length if not given). */
export const recordActivity = (db: Db, sessionId: string, supporterId: string, attended: boolean, minutes: number | null) =>
	db.rpc<{ attended: boolean; minutes_helped: number | null }>('record_supporter_activity', { p_session_id: sessionId, p_supporter_id: supporterId, p_attended: attended, p_minutes: minutes });
/** The caller's classes and hours in a fiscal year. */
export const activity = (db: Db, fiscalYear: number) => db.rpc<Activity>('my_activity', { p_fiscal_year: fiscalYear });
/** A course of the prefecture's own, added by its admin. */
export const addCourse = (db: Db, prefectureCode: string, nameJa: string, nameEn: string) =>
	db.rpc<{ code: string }>('add_training_course', { p_prefecture_code: prefectureCode, p_name_ja: nameJa, p_name_en: nameEn });
