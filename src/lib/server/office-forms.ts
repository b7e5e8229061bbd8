import { error } from '@sveltejs/kit';
import type { Db } from './db/port.ts';
import { listTopics } from './sessions.ts';
import * as sessions from './office-sessions.ts';
import type { OfficeSession } from './office-sessions.ts';
import * as venues from './venues.ts';
import { idOf, readOrRefuse } from './office.ts';

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

const text = (n: number | null) => (n == null ? '' : String(n));

/** A saved session as its form shows it: for the edit page, and as a template for a new one. */
export const formValuesOf = (session: OfficeSession): Record<string, string> => ({
	format: session.format, title: session.title, topic_id: session.topic_id, venue_id: session.venue.id, date: session.date,
	start_time: session.start_time, end_time: session.end_time, capacity: session.format === 'consultation' ? '' : text(session.capacity),
	slot_minutes: text(session.slot_minutes), desks: text(session.desks), supporters_needed: text(session.supporters_needed),
	device_focus: session.device_focus, what_to_bring: session.what_to_bring, fee_yen: session.fee_yen ? text(session.fee_yen) : '',
	contact_phone: session.contact_phone, description: session.description, supporter_notes: session.supporter_notes,
	closes_days_before: text(session.closes_days_before)
});

/** The session `?copy=` names, as a template for a new one in the same town: everything but the date. */
export async function templateFrom(db: Db, url: URL, municipalityCode: string) {
	const id = url.searchParams.get('copy');
	if (!id) return null;
	const session = await readOrRefuse(() => sessions.read(db, idOf(id)));
	if (session.municipality_code !== municipalityCode) error(404, 'not_found');
	return { values: { ...formValuesOf(session), date: '' }, title: session.title, date: session.date };
}
