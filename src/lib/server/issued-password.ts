import type { Cookies } from '@sveltejs/kit';
import type { OneTimePassword } from './auth/port.ts';
import { isSecure } from './auth/secure-cookies.ts';

// A one-time password just issued stays on the roles page for ten minutes, for the staff
// member who issued it only: a reload or a display switch must neither lose it (the old
// password is already gone) nor, by posting again, replace it after it was read out.
const cookie = 'tsunagu_issued';
const path = '/admin/roles';
const minutes = 10;

type Remembered = OneTimePassword & { issuedBy: string };

export function rememberIssued(cookies: Cookies, url: URL, issuedBy: string, issued: OneTimePassword) {
	const value = Buffer.from(JSON.stringify({ ...issued, issuedBy } satisfies Remembered)).toString('base64url');
	cookies.set(cookie, value, { path, httpOnly: true, sameSite: 'strict', secure: isSecure(url), maxAge: minutes * 60 });
}

export function recallIssued(cookies: Cookies, user: { id: string }): OneTimePassword | null {
	try {
		const { email, password, expiresAt, issuedBy } = JSON.parse(Buffer.from(cookies.get(cookie) ?? '', 'base64url').toString()) as Remembered;
		return issuedBy === user.id && [email, password, expiresAt].every((v) => typeof v === 'string') ? { email, password, expiresAt } : null;
	} catch {
		return null;
	}
}

export function forgetIssued(cookies: Cookies, url: URL) {
	cookies.delete(cookie, { path, secure: isSecure(url) });
}
