export type SessionFormat = 'class' | 'consultation' | 'outreach';

export interface Topic {
	id: string;
	name_ja: string;
	name_en: string;
}

/** The prefecture's areas (方部) in the order people list them; a town picker groups by them. */
export const regionOrder = ['県北', '県中', '県南', '会津', '南会津', '相双', 'いわき'];

/** Towns grouped by area, in that order; towns of an unknown area last. */
export function groupByRegion<T extends { region: string | null }>(towns: T[]): { region: string; towns: T[] }[] {
	const rank = (region: string) => (regionOrder.includes(region) ? regionOrder.indexOf(region) : regionOrder.length);
	const groups = new Map<string, T[]>();
	for (const town of towns) groups.set(town.region ?? '', [...(groups.get(town.region ?? '') ?? []), town]);
	return [...groups].map(([region, list]) => ({ region, towns: list })).sort((a, b) => rank(a.region) - rank(b.region));
}

export type DeviceFocus = 'any' | 'iphone' | 'android';

/** Whether the web takes registrations (private.registration_state). */
export type RegistrationState = 'open' | 'closed' | 'started' | 'cancelled';

/** A row of find_sessions(): a session as a list shows it. */
export interface FoundSession {
	id: string;
	title: string;
	format: SessionFormat;
	topic: Topic;
	starts_at: string;
	ends_at: string;
	capacity: number;
	seats_left: number;
	waitlisted: number;
	municipality: { code: string; name: string };
	venue: { id: string; name: string; address: string };
	device_focus: DeviceFocus;
	status: 'published' | 'cancelled';
	registration_closes_at: string | null;
	registration: RegistrationState;
	distance_km: number | null;
}

export interface FoundSessions {
	/** Counted to 1,000 (or to the end of the page asked for); total_capped when there are more. */
	total: number;
	total_capped: boolean;
	page: number;
	page_size: number;
	sessions: FoundSession[];
}

/** session_details(): what a session's public page shows. */
export interface SessionDetails {
	id: string;
	title: string;
	format: SessionFormat;
	description: string;
	what_to_bring: string;
	device_focus: DeviceFocus;
	status: 'published' | 'cancelled';
	cancel_reason: string;
	starts_at: string;
	ends_at: string;
	registration_closes_at: string | null;
	registration: RegistrationState;
	fee_yen: number;
	contact_phone: string;
	capacity: number;
	seats_left: number;
	waitlisted: number;
	topic: { id: string; name_ja: string; name_en: string };
	municipality: { code: string; name: string };
	venue: {
		name: string;
		postal_code: string | null;
		address: string;
		lat: number | null;
		lng: number | null;
		access: string;
		parking: string;
		barrier_free: string;
		has_wifi: boolean;
		loaner_phones: number;
	};
}

export interface MunicipalityOption {
	code: string;
	name: string;
	kana: string;
	region: string | null;
	upcoming: number;
}

export interface MunicipalityDetails {
	code: string;
	name: string;
	kana: string;
	region: string | null;
	contact_phones: string[];
}

/** A plain link that opens the place in the phone's map app: no map script, no tiles. */
export function mapLink(venue: { name: string; address: string; lat: number | null; lng: number | null }): string {
	const query = venue.lat !== null && venue.lng !== null ? `${venue.lat},${venue.lng}` : venue.address;
	return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(query)}`;
}
