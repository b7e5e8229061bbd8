import { DomainError, serviceRole, type Backend, type Db } from './db/port.ts';
import type { PersonInput } from '../domain/registration-form.ts';
import type { SessionDetails } from '../domain/session.ts';

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
			people: { name_kana: string | null; status: string }[];
			/** The class as its public page shows it; null if it is no longer shown (a draft again). */
			session: SessionDetails | null;
	  };

export interface SeniorDesk {
	/** A senior registering on the web, alone or with one more person, from `requester`. */
	register(sessionId: string, form: { people: PersonInput[]; phone: string; note: string }, requester: string): Promise<Registered>;
	find(code: string, phone: string, requester: string): Promise<FoundRegistration>;
	cancel(code: string, phone: string, requester: string): Promise<{ found: boolean; cancelled?: number; promoted?: number }>;
	/** A supporter's schedule for the calendar at their private address (no one is signed in there). */
	supporterCalendar(token: string): Promise<CalendarEntry[] | null>;
}

export interface CalendarEntry {
	id: string;
	title: string;
	starts_at: string;
	ends_at: string;
	status: string;
	venue_name: string;
	venue_address: string;
	description: string;
}

/**
 * The web's registration desk. It calls as the server (service_role): the per-address limits
 * count the address the server saw, which no visitor can name for themselves.
 */
export function seniorDesk(db: Db, seatsChanged: () => void = () => {}): SeniorDesk {
	return {
		async register(sessionId, form, requester) {
			const result = await db.rpc<Registered | { refused: string }>('register_for_session', {
				p_session_id: sessionId, p_people: form.people, p_phone: form.phone, p_note: form.note,
				p_consent: true, p_channel: 'web', p_requester: requester
			});
			// Refusals that are counted against the address come back as answers, not errors.
			if ('refused' in result) throw new DomainError(result.refused);
			seatsChanged();
			return result;
		},
		find: (code, phone, requester) => db.rpc<FoundRegistration>('find_registration', { p_code: code, p_phone: phone, p_requester: requester }),
		supporterCalendar: (token) => db.rpc<CalendarEntry[] | null>('supporter_calendar', { p_token: token }),
		async cancel(code, phone, requester) {
			const result = await db.rpc<{ found: boolean; cancelled?: number; promoted?: number }>('cancel_registration', { p_code: code, p_phone: phone, p_requester: requester });
			if (result.cancelled) seatsChanged();
			return result;
		}
	};
}

/** The desk for a backend, or null where the server holds no service_role key (Supabase without SUPABASE_SECRET_KEY). */
export function deskFor(backend: Backend, seatsChanged?: () => void): SeniorDesk | null {
	try {
		return seniorDesk(backend.as(serviceRole), seatsChanged);
	} catch {
		return null;
	}
}
