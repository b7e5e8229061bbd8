// What must hold in the database after any load, crash or restore: checked by counting
// registrations one by one, not by trusting the counts the app keeps.
import type { SqlDriver } from '../../src/lib/server/db/sql-driver.ts';

export interface Invariants {
	sessions: number;
	registrations: number;
	/** Sessions with more people confirmed than seats. */
	overCapacity: number;
	/** Sessions whose kept seat counts differ from the registrations counted. */
	countsOff: number;
	/** Published sessions to come with a free seat and a single person still waiting. */
	waitingWhileFree: number;
}

export async function readInvariants(driver: SqlDriver): Promise<Invariants> {
	const [row] = await driver.transaction((tx) =>
		tx.query<Record<keyof Invariants, number>>(`
			with counted as (
				select s.id, s.capacity, s.status, s.starts_at, s.seats_confirmed, s.seats_waitlisted,
				       count(r.id) filter (where r.status = 'confirmed')::integer as confirmed,
				       count(r.id) filter (where r.status = 'waitlisted')::integer as waitlisted,
				       count(r.id) filter (where r.status = 'waitlisted' and r.party_id is null)::integer as waiting_singles
				from public.sessions s left join public.registrations r on r.session_id = s.id
				group by s.id)
			select count(*)::integer as "sessions",
			       (select count(*) from public.registrations)::integer as "registrations",
			       count(*) filter (where confirmed > capacity)::integer as "overCapacity",
			       count(*) filter (where seats_confirmed <> confirmed or seats_waitlisted <> waitlisted)::integer as "countsOff",
			       count(*) filter (where status = 'published' and starts_at > now() and waiting_singles > 0 and confirmed < capacity)::integer as "waitingWhileFree"
			from counted`)
	);
	return row as Invariants;
}

export const broken = (i: Invariants) => i.overCapacity + i.countsOff + i.waitingWhileFree > 0;
