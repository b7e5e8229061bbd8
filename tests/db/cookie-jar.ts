import type { Cookies } from '@sveltejs/kit';
import type { AuthProvider } from '../../src/lib/server/auth/port.ts';

/** A browser's cookie jar: what the server set is sent back on the next request. */
export function cookieJar() {
	const values = new Map<string, string>();
	const options = new Map<string, Record<string, unknown>>();
	const cookies = {
		get: (name: string) => values.get(name),
		getAll: () => [...values].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string, opts: Record<string, unknown>) => { values.set(name, value); options.set(name, opts); },
		delete: (name: string) => { values.delete(name); },
		serialize: () => ''
	} as unknown as Cookies;
	return { cookies, values, options };
}

/** One request of that browser, from this address. */
export const request = (auth: AuthProvider, jar: ReturnType<typeof cookieJar>, ip = '192.0.2.1') =>
	auth.forRequest({ cookies: jar.cookies, url: new URL('https://tsunagu.example/'), getClientAddress: () => ip, setHeaders: () => {} });
