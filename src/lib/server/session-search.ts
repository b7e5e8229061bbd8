import type { Db } from './db/port.ts';
import { pageSize, type SessionSearch } from '../domain/session-search.ts';
import type { MunicipalityOption } from '../domain/session.ts';
import { municipalityOfPostalCode } from './postal-code.ts';
import { findSessions, type SessionQuery } from './sessions.ts';

export type PostalResult = { area: string; code: string } | { area: string; outside: true } | { notFound: true };

/**
 * A visitor's search, run: a 〒 code stands for its municipality (when it is one of ours),
 * a location sorts nearest first unless soonest was asked for.
 */
export async function searchSessions(db: Db, search: SessionSearch, towns: MunicipalityOption[], size = pageSize) {
	let municipality = search.municipality;
	let postal: PostalResult | null = null;
	if (search.postal) {
		const found = municipalityOfPostalCode(search.postal);
		if (!found) postal = { notFound: true };
		else if (!towns.some((t) => t.code === found.code)) postal = { area: found.area, outside: true };
		else {
			postal = found;
			municipality ??= found.code;
		}
	}
	const near = search.lat !== undefined && search.lng !== undefined ? { lat: search.lat, lng: search.lng } : undefined;
	const query: SessionQuery = {
		...(municipality && { municipality }),
		...(search.topic && { topic: search.topic }),
		...(search.from && { from: search.from }),
		...(search.to && { to: search.to }),
		...(search.weekday.length && { weekdays: search.weekday }),
		...(search.part && { part: search.part }),
		...(search.device && { device: search.device }),
		...(near && { near, sort: search.sort ?? 'near' }),
		page: search.page,
		page_size: size
	};
	return { found: await findSessions(db, query), postal, near: !!near };
}
