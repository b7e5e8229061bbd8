import type { Db } from './db/port.ts';

// Staff exports (issue 11, item 5): each call one SQL function (20261201001800), which
// decides who gets which rows; the CSV is built from what they return (./exports/).

export type SessionStatus = 'draft' | 'published' | 'cancelled';
export type AgeBand = 'under_65' | '65_74' | '75_84' | '85_plus';

export interface ExportChoices {
	municipality: { code: string; name: string; prefecture_code: string };
	current_fiscal_year: number;
	/** Newest first: this year, the last, and any other with a session of the town. */
	fiscal_years: number[];
}

export interface SessionExportRow {
	id: string;
	starts_at: string;
	ends_at: string;
	title: string;
	format: 'class' | 'consultation' | 'outreach';
	topic_name: string;
	venue_name: string;
	status: SessionStatus;
	capacity: number;
	series_part: number | null;
	confirmed: number;
	waitlisted: number;
	present: number;
	seniors_present: number;
	walk_ins: number;
	supporters_assigned: number;
}

export interface SessionsExport {
	municipality: { code: string; name: string };
	fiscal_year: number;
	sessions: SessionExportRow[];
}

export interface AttendanceExportRow {
	row_number: number;
	/** A registration's status; walk_in for 当日参加; cancelled for one marked who cancelled later. */
	kind: 'confirmed' | 'waitlisted' | 'walk_in' | 'cancelled';
	channel: 'web' | 'phone' | 'counter' | null;
	device: 'iphone' | 'android' | 'other' | 'none' | null;
	needs_loaner: boolean | null;
	age_band: AgeBand;
	attended: boolean | null;
	walk_in: boolean;
	/** Only with names (and null once retention erased them). */
	full_name?: string | null;
	name_kana?: string | null;
	phone?: string | null;
}

export interface AttendanceExport {
	session: { id: string; municipality_code: string; title: string; starts_at: string; ends_at: string; status: SessionStatus; venue_name: string };
	with_names: boolean;
	rows: AttendanceExportRow[];
}

type Count = Record<'senior_participants' | 'attendances' | 'sessions_held' | 'municipalities_holding' | 'active_supporters', number>;

/** What public.progress() returns (20261201001500). */
export interface ProgressReport {
	fiscal_year: number;
	metrics: Count;
	targets: Partial<Count>;
	months: { month: string; senior_participants: number; attendances: number; sessions_held: number }[];
	by_topic: { topic_id: string; name_ja: string; name_en: string; sessions_held: number; attendances: number }[];
	by_age: { age_band: AgeBand; people: number }[];
	towns: { code: string; name: string; sessions_held: number; attendances: number; senior_participants: number; target: number | null }[] | null;
	without_sessions: { code: string; name: string }[] | null;
}

export const choices = (db: Db, municipalityCode: string) => db.rpc<ExportChoices>('export_choices', { p_municipality_code: municipalityCode });
export const sessions = (db: Db, municipalityCode: string, fiscalYear: number) =>
	db.rpc<SessionsExport>('export_sessions', { p_municipality_code: municipalityCode, p_fiscal_year: fiscalYear });
export const attendance = (db: Db, sessionId: string, withNames: boolean) =>
	db.rpc<AttendanceExport>('export_attendance', { p_session_id: sessionId, p_with_names: withNames });
/** A town's year (municipalityCode) or the prefecture's (null). */
export const progress = (db: Db, fiscalYear: number, prefectureCode: string, municipalityCode: string | null) =>
	db.rpc<ProgressReport>('progress', { p_fiscal_year: fiscalYear, p_prefecture_code: prefectureCode, p_municipality_code: municipalityCode });
