import type { Db } from './db/port.ts';
import type { PersonInput } from '../domain/registration-form.ts';

export interface Registered {
	code: string;
	status: 'confirmed' | 'waitlisted';
	people: number;
	position: number | null;
	session_id: string;
}

export type FoundRegistration =
	| { found: false }
	| {
			found: true;
			code: string;
			session_id: string;
			status: 'confirmed' | 'waitlisted' | 'cancelled';
			position: number | null;
			people: { full_name: string | null; name_kana: string | null; status: string }[];
	  };

/** A senior registering on the web, alone or with one more person. */
export const registerOnTheWeb = (db: Db, sessionId: string, form: { people: PersonInput[]; phone: string; note: string }, requester: string) =>
	db.rpc<Registered>('register_for_session', {
		p_session_id: sessionId, p_people: form.people, p_phone: form.phone, p_note: form.note,
		p_consent: true, p_channel: 'web', p_requester: requester
	});

export const findRegistration = (db: Db, code: string, phone: string, requester: string) =>
	db.rpc<FoundRegistration>('find_registration', { p_code: code, p_phone: phone, p_requester: requester });

export const cancelRegistration = (db: Db, code: string, phone: string, requester: string) =>
	db.rpc<{ found: boolean; cancelled?: number; promoted?: number }>('cancel_registration', { p_code: code, p_phone: phone, p_requester: requester });
