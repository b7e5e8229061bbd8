import type { Db } from './db/port.ts';
import { listTopics } from './sessions.ts';
import * as venues from './venues.ts';
import { readOrRefuse } from './office.ts';

/** What a session form offers to choose from: the topics, and the town's venues in use. */
export async function sessionChoices(db: Db, municipalityCode: string) {
	const [{ municipality, venues: all }, topics] = await Promise.all([readOrRefuse(() => venues.list(db, municipalityCode)), listTopics(db)]);
	return { municipality, topics, venues: all.filter((v) => !v.archived_at).map(({ id, name }) => ({ id, name })) };
}

/** A month's first day and the last day of the month after it (Japan's calendar). */
export function twoMonthsFrom(month: string | null, now = new Date()) {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit' }).format(now);
	const [year, mon] = (month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : today.slice(0, 7)).split('-').map(Number) as [number, number];
	const first = new Date(Date.UTC(year, mon - 1, 1));
	const last = new Date(Date.UTC(year, mon + 1, 0));
	const iso = (d: Date) => d.toISOString().slice(0, 10);
	const shift = (by: number) => iso(new Date(Date.UTC(year, mon - 1 + by, 1))).slice(0, 7);
	return { from: iso(first), to: iso(last), previous: shift(-1), next: shift(1) };
}
