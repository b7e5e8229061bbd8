import { error, redirect } from '@sveltejs/kit';
import { DomainError } from './db/port.ts';
import { sessionIdOr404 } from './session-page.ts';

/** Office pages are for signed-in staff: anyone else signs in first, and comes back. */
export function signedIn(locals: App.Locals, url: URL) {
	if (!locals.user) redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

const municipalityCode = /^[0-9]{6}$/;

/** The municipality an office page is about (`?town=`); anything but a code is a 404. */
export function townOf(url: URL) {
	const code = url.searchParams.get('town') ?? '';
	if (!municipalityCode.test(code)) error(404, 'not_found');
	return code;
}

/** The id an office address names; anything else is a 404 (as a class's public address). */
export const idOf = sessionIdOr404;

/** A page's read, with SQL's refusals as the error page's statuses: 403 for another town's, 404 for none or one not to be told of. */
export async function readOrRefuse<T>(read: () => Promise<T | null>): Promise<T> {
	let found: T | null;
	try {
		found = await read();
	} catch (failure) {
		if (failure instanceof DomainError && failure.code === 'not_allowed') error(403, 'not_allowed');
		// SQL that refuses without saying whether the thing exists (session_not_found …): a 404.
		if (failure instanceof DomainError && failure.code.endsWith('_not_found')) error(404, 'not_found');
		throw failure;
	}
	if (found === null) error(404, 'not_found');
	return found;
}
