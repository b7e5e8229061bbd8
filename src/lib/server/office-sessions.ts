import type { Db } from './db/port.ts';
import type { SessionInput } from '../domain/session-form.ts';
import type { SessionFormat } from '../domain/session.ts';

export interface OfficeSessionRow {
	id: string;
	title: string;
	format: SessionFormat;
	status: 'draft' | 'published' | 'cancelled';
	starts_at: string;
	ends_at: string;
	venue_name: string;
	capacity: number;
	seats_confirmed: number;
	seats_waitlisted: number;
	supporters_needed: number;
	supporters_confirmed: number;
	series_id: string | null;
	series_part: number | null;
}

export interface OfficeSession extends Omit<OfficeSessionRow, 'venue_name'> {
	municipality_code: string;
	municipality_name: string;
	topic_id: string;
	venue: { id: string; name: string; address: string };
	date: string;
	start_time: string;
	end_time: string;
	slot_minutes: number | null;
	desks: number | null;
	device_focus: 'any' | 'iphone' | 'android';
	what_to_bring: string;
	fee_yen: number;
	contact_phone: string;
	description: string;
	supporter_notes: string;
	registration_closes_at: string | null;
	/** Registration closes at 17:00 this many days before; null: until the class starts. */
	closes_days_before: number | null;
	cancel_reason: string;
	/** Sessions in its series (0 when it is on its own), and how many of them are drafts still to come. */
	series_size: number;
	series_drafts: number;
}

export const list = (db: Db, municipalityCode: string, from: string, to: string) =>
	db.rpc<OfficeSessionRow[]>('office_sessions', { p_municipality_code: municipalityCode, p_from: from, p_to: to });
export const read = (db: Db, id: string) => db.rpc<OfficeSession | null>('office_session', { p_id: id });
export const create = (db: Db, municipalityCode: string, session: SessionInput) =>
	db.rpc<{ id: string }>('create_session', { p_municipality_code: municipalityCode, p_session: session });
export const createSeries = (db: Db, municipalityCode: string, session: SessionInput, dates: string[]) =>
	db.rpc<{ series_id: string; ids: string[] }>('create_series', { p_municipality_code: municipalityCode, p_session: session, p_dates: dates });
/** Saves changes; says whether the date, time or venue changed, and how many are registered (to phone them). */
export const update = (db: Db, id: string, session: SessionInput) =>
	db.rpc<{ id: string; rescheduled: boolean; venue_changed: boolean; registrations: number }>('update_session', { p_id: id, p_session: session });
export const publish = (db: Db, id: string) => db.rpc<{ id: string }>('publish_session', { p_id: id });
/** Publishes every draft of a series still to come, in one step. */
export const publishSeries = (db: Db, seriesId: string) => db.rpc<{ series_id: string; published: number }>('publish_series', { p_series_id: seriesId });
export const cancel = (db: Db, id: string, reason: string) => db.rpc<{ id: string; registrations: number }>('cancel_session', { p_id: id, p_reason: reason });

export type Attention = 'no_supporter' | 'under_booked' | 'over_demand' | 'draft_soon';
export interface OverviewRow extends OfficeSessionRow {
	municipality_code: string;
	municipality_name: string;
	attention: Attention[];
}

/** Every managed town's sessions between two dates, with what needs attention (office home). */
export const overview = (db: Db, from: string, to: string) => db.rpc<OverviewRow[]>('office_overview', { p_from: from, p_to: to });
