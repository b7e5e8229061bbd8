import type { Db } from './db/port.ts';
import type { Venue, VenueInput } from '../domain/venue-form.ts';

export interface OfficeVenues {
	municipality: { code: string; name: string; office_lat: number | null; office_lng: number | null };
	venues: Venue[];
}

export const list = (db: Db, municipalityCode: string) => db.rpc<OfficeVenues>('office_venues', { p_municipality_code: municipalityCode });
export const read = (db: Db, id: string) => db.rpc<(Venue & { municipality_name: string }) | null>('office_venue', { p_id: id });
export const create = (db: Db, municipalityCode: string, venue: VenueInput) =>
	db.rpc<{ id: string }>('create_venue', { p_municipality_code: municipalityCode, p_venue: venue });
export const update = (db: Db, id: string, venue: VenueInput) => db.rpc<{ id: string }>('update_venue', { p_id: id, p_venue: venue });
export const archive = (db: Db, id: string, archived: boolean) => db.rpc<{ id: string; archived: boolean }>('archive_venue', { p_id: id, p_archived: archived });
