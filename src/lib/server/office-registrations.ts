import { DomainError, type Db } from './db/port.ts';
import type { PersonInput } from '../domain/registration-form.ts';

export interface OfficeRegistration {
	id: string;
	party_id: string | null;
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	code: string | null;
	position: number | null;
	full_name: string | null;
	name_kana: string | null;
	phone: string | null;
	age_band: string;
	device: string;
	needs_loaner: boolean;
	channel: 'web' | 'phone' | 'counter';
	note: string;
	registered_at: string;
	cancelled_at: string | null;
}

export const list = (db: Db, sessionId: string) => db.rpc<OfficeRegistration[]>('office_registrations', { p_session_id: sessionId });

/** 代理登録: a senior who phoned, registered by staff with the same rules as on the web. */
export async function registerByPhone(db: Db, sessionId: string, form: { people: PersonInput[]; phone: string; note: string }) {
	const result = await db.rpc<{ code: string; status: 'confirmed' | 'waitlisted'; position: number | null } | { refused: string }>('register_for_session', {
		p_session_id: sessionId, p_people: form.people, p_phone: form.phone, p_note: form.note, p_consent: true, p_channel: 'phone', p_requester: null
	});
	if ('refused' in result) throw new DomainError(result.refused);
	return result;
}

/** Cancels the party a registration belongs to; the waiting list moves up. */
export const cancel = (db: Db, registrationId: string) =>
	db.rpc<{ cancelled: number; promoted: number; promoted_ids?: string[] }>('cancel_registration_for', { p_registration_id: registrationId });

export interface MoveTarget {
	id: string;
	title: string;
	starts_at: string;
	ends_at: string;
	venue_name: string;
	capacity: number;
	seats_confirmed: number;
	seats_waitlisted: number;
	same_series: boolean;
	series_part: number | null;
}

/** The sessions a registration here could move to: the same series or topic, in this town, still to come. */
export const moveTargets = (db: Db, sessionId: string) => db.rpc<MoveTarget[]>('move_targets', { p_session_id: sessionId });

/** Moves the party to another session; the seat left goes to the first who waits. */
export const move = (db: Db, registrationId: string, toSessionId: string, waitlistOk: boolean) =>
	db.rpc<{ moved: number; status: 'confirmed' | 'waitlisted'; session_id: string; code: string; position: number | null; promoted: number }>(
		'move_registration', { p_registration_id: registrationId, p_to_session_id: toSessionId, p_waitlist_ok: waitlistOk });
