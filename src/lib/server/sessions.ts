import type { Db } from './db/port.ts';
import type { CalendarSession } from './calendar.ts';
import type { Topic, FoundSessions, MunicipalityDetails, MunicipalityOption, SessionDetails } from '../domain/session.ts';

/** The query find_sessions takes: only what was asked for. */
export interface SessionQuery {
	municipality?: string;
	topic?: string;
	from?: string;
	to?: string;
	weekdays?: number[];
	part?: 'am' | 'pm';
	device?: 'iphone' | 'android';
	near?: { lat: number; lng: number };
	sort?: 'near' | 'soon';
	page?: number;
	page_size?: number;
}

export const findSessions = (db: Db, query: SessionQuery) => db.rpc<FoundSessions>('find_sessions', { p_query: query });

export const sessionDetails = (db: Db, id: string) => db.rpc<SessionDetails | null>('session_details', { p_session_id: id });

export const listTopics = (db: Db) => db.rpc<Topic[]>('list_topics');

export const listMunicipalities = (db: Db) => db.rpc<MunicipalityOption[]>('list_municipalities');

export const municipalityDetails = (db: Db, code: string) => db.rpc<MunicipalityDetails | null>('municipality_details', { p_code: code });
export const municipalityCalendar = (db: Db, code: string) => db.rpc<CalendarSession[]>('municipality_calendar', { p_code: code });
