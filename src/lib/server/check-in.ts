import type { Db } from './db/port.ts';
import type { PersonInput } from '../domain/registration-form.ts';

// Check-in at the class (issue 11): each call one SQL function (20261201001400).

export interface CheckInList {
	session: { id: string; title: string; starts_at: string; ends_at: string; status: string; municipality_code: string; capacity: number; venue_name: string };
	/** Marks are taken now (two hours before the start until a week after the end). */
	open: boolean;
	manager: boolean;
	people: { registration_id: string; status: 'confirmed' | 'waitlisted'; full_name: string | null; name_kana: string | null; device: string; needs_loaner: boolean; attended: boolean | null; marked_at: string | null }[];
	walk_ins: { id: string; full_name: string | null; name_kana: string | null }[];
	present: number;
}

export const list = (db: Db, sessionId: string) => db.rpc<CheckInList>('check_in_list', { p_session_id: sessionId });

/** One mark; the same nonce twice counts once, and an older mark never overwrites a newer one. */
export const mark = (db: Db, sessionId: string, registrationId: string, attended: boolean, nonce: string, markedAt: string | null) =>
	db.rpc<{ registration_id: string; attended: boolean; applied: boolean }>('mark_attendance', {
		p_session_id: sessionId, p_registration_id: registrationId, p_attended: attended, p_nonce: nonce, p_marked_at: markedAt
	});

export const addWalkIn = (db: Db, sessionId: string, person: PersonInput, phone: string, nonce: string) =>
	db.rpc<{ id: string; added: boolean }>('add_walk_in', { p_session_id: sessionId, p_person: person, p_phone: phone, p_nonce: nonce });
