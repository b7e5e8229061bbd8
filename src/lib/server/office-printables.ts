import type { Db } from './db/port.ts';
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
