import type { Cookies } from '@sveltejs/kit';
import { isSecure } from './auth/secure-cookies.ts';

// Once a senior has shown a registration (or just made it), its code and phone number stay in
// an httpOnly cookie for an hour, for /r pages only: a reload, a cancellation or the calendar
// link need not ask for the phone number again, and the number never sits in an address.
const cookie = 'tsunagu_registration';
const path = '/r';

export interface Opened {
	code: string;
	phone: string;
}

export function rememberOpened(cookies: Cookies, url: URL, opened: Opened) {
	const value = Buffer.from(JSON.stringify(opened)).toString('base64url');
	cookies.set(cookie, value, { path, httpOnly: true, sameSite: 'lax', secure: isSecure(url), maxAge: 60 * 60 });
}

/** The phone number remembered for this code, if any. */
export function recallOpened(cookies: Cookies, code: string): string | null {
	try {
		const opened = JSON.parse(Buffer.from(cookies.get(cookie) ?? '', 'base64url').toString()) as Opened;
		return opened.code === code && typeof opened.phone === 'string' ? opened.phone : null;
	} catch {
		return null;
	}
}

export function forgetOpened(cookies: Cookies, url: URL) {
	cookies.delete(cookie, { path, secure: isSecure(url) });
}
