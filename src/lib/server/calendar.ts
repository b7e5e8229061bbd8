import { createEvent } from 'ics';
import type { SessionDetails } from '../domain/session.ts';

/**
 * One session as an .ics file for a phone's calendar. Times are written in UTC (…Z), which
 * every calendar shows in its own zone: 13:30 in Japan stays 13:30 on a phone set to Tokyo.
 */
export function sessionCalendar(session: SessionDetails, origin: string): string {
	const url = `${origin}/sessions/${session.id}`;
	const lines = [
		session.description,
		session.what_to_bring && `持ち物: ${session.what_to_bring}`,
		session.contact_phone && `お問い合わせ: ${session.contact_phone}`,
		url
	].filter(Boolean);
	const { error, value } = createEvent({
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
	});
	if (error || !value) throw error ?? new Error('calendar_failed');
	return value;
}
