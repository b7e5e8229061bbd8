import type { Db } from './db/port.ts';
import type { SessionFormat } from '../domain/session.ts';
import * as registrations from './office-registrations.ts';
import * as sessions from './office-sessions.ts';
import { readOrRefuse } from './office.ts';

/** A session and who is registered for it, for a sheet to print. */
export async function sheetFor(db: Db, id: string) {
	const [session, list] = await Promise.all([readOrRefuse(() => sessions.read(db, id)), readOrRefuse(() => registrations.list(db, id))]);
	return {
		session,
		confirmed: list.filter((r) => r.status === 'confirmed'),
		waiting: list.filter((r) => r.status === 'waitlisted'),
		// Room for walk-ins: the seats left, and a few more for those who come anyway.
		blankRows: Math.max(3, session.capacity - session.seats_confirmed + 2)
	};
}

export interface FlyerSession {
	id: string;
	title: string;
	format: SessionFormat;
	starts_at: string;
	ends_at: string;
	venue_name: string;
	venue_address: string;
	capacity: number;
	fee_yen: number;
	what_to_bring: string;
	contact_phone: string;
}

/** A town's published sessions of one month (`month`: its first day), for one flyer. */
export const monthFlyer = (db: Db, municipalityCode: string, month: string) =>
	db.rpc<{ municipality: { code: string; name: string } | null; sessions: FlyerSession[] }>('month_flyer', { p_municipality_code: municipalityCode, p_month: month });
