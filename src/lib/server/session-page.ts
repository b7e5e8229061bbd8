import { error } from '@sveltejs/kit';
import type { Db } from './db/port.ts';
import { sessionDetails } from './sessions.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id a session's address names, or the friendly 404 when it is not an id at all. */
export function sessionIdOr404(id: string) {
	if (!uuid.test(id)) error(404, 'not_found');
	return id.toLowerCase();
}

/** A session a visitor may see, or the friendly 404: unknown, a draft, or not an id at all. */
export async function visibleSession(db: Db, id: string) {
	const session = await sessionDetails(db, sessionIdOr404(id));
	if (!session) error(404, 'not_found');
	return session;
}
