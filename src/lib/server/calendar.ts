import { createEvent, createEvents, type EventAttributes } from 'ics';
import type { SessionDetails } from '../domain/session.ts';
import type { CalendarEntry } from './registrations.ts';

/** What a calendar needs of a session: a class's page has it, and so has a town's feed. */
export type CalendarSession = Pick<SessionDetails, 'id' | 'title' | 'description' | 'what_to_bring' | 'contact_phone' | 'status' | 'starts_at' | 'ends_at'> & {
	venue: { name: string; address: string; lat: number | string | null; lng: number | string | null };
};

/**
 * One session as an .ics file for a phone's calendar. Times are written in UTC (…Z), which
 * every calendar shows in its own zone: 13:30 in Japan stays 13:30 on a phone set to Tokyo.
 */
export function sessionCalendar(session: CalendarSession, origin: string): string {
	const { error, value } = createEvent(eventOf(session, origin));
	if (error || !value) throw error ?? new Error('calendar_failed');
	return value;
}

/** A town's classes as one feed a phone can subscribe to. */
export function municipalityCalendar(sessions: CalendarSession[], origin: string, name: string): string {
	if (sessions.length === 0) return emptyCalendar(name);
	const { error, value } = createEvents(sessions.map((s) => eventOf(s, origin)), { productId: 'tsunagu', calName: name });
	if (error || !value) throw error ?? new Error('calendar_failed');
	return value;
}

// The ics package refuses to write a calendar without events; a town with no classes yet
// still gets a feed a phone can subscribe to.
const emptyCalendar = (name: string) =>
	['BEGIN:VCALENDAR', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'PRODID:tsunagu', 'METHOD:PUBLISH', `X-WR-CALNAME:${name.replace(/[\r\n,;]/g, ' ')}`, 'END:VCALENDAR', ''].join('\r\n');

function eventOf(session: CalendarSession, origin: string): EventAttributes {
	const url = `${origin}/sessions/${session.id}`;
	const lines = [
		session.description,
		session.what_to_bring && `持ち物: ${session.what_to_bring}`,
		session.contact_phone && `お問い合わせ: ${session.contact_phone}`,
		url
	].filter(Boolean);
	return {
		uid: `${session.id}@tsunagu`,
		productId: 'tsunagu',
		title: session.title,
		start: Date.parse(session.starts_at),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: Date.parse(session.ends_at),
		endInputType: 'utc',
		endOutputType: 'utc',
		location: `${session.venue.name} ${session.venue.address}`,
		description: lines.join('\n'),
		url,
		status: session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
		...(session.venue.lat !== null && session.venue.lng !== null ? { geo: { lat: Number(session.venue.lat), lon: Number(session.venue.lng) } } : {})
	};
}

/** A supporter's own schedule as a feed: the classes they help at, with the notes staff left them. */
export function supporterCalendar(entries: CalendarEntry[], origin: string, name: string): string {
	if (entries.length === 0) return emptyCalendar(name);
	const events = entries.map((e): EventAttributes => ({
		uid: `${e.id}-supporter@tsunagu`,
		productId: 'tsunagu',
		title: e.title,
		start: Date.parse(e.starts_at),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: Date.parse(e.ends_at),
		endInputType: 'utc',
		endOutputType: 'utc',
		location: `${e.venue_name} ${e.venue_address}`,
		description: [e.description, `${origin}/supporter/sessions`].filter(Boolean).join('\n'),
		url: `${origin}/supporter/sessions`,
		status: e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'
	}));
	const { error, value } = createEvents(events, { productId: 'tsunagu', calName: name });
	if (error || !value) throw error ?? new Error('calendar_failed');
	return value;
}
