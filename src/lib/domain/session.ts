export type SessionFormat = 'class' | 'consultation' | 'outreach';

/** A row of list_upcoming_sessions(). */
export interface UpcomingSession {
	id: string;
	title: string;
	format: SessionFormat;
	topic: { id: string; name_ja: string; name_en: string };
	starts_at: string;
	ends_at: string;
	capacity: number;
	seats_left: number;
	waitlisted: number;
	municipality: { code: string; name: string };
	venue: { id: string; name: string; address: string };
}
