// What the bench asks of the server, and autocannon measuring it: a warm-up, then a
// measured run at each number of connections.
import autocannon from 'autocannon';
import type { Targets } from './database.ts';

export interface Target {
	name: string;
	/** Public page, a signed-in staff page, a write, or the yardstick. */
	kind: 'trivial' | 'page' | 'staff' | 'write';
	/** The status every answer must have; anything else is counted as a failure. */
	status: number;
	request(origin: string): autocannon.Request;
}

export interface Measured {
	target: string;
	kind: Target['kind'];
	connections: number;
	requestsPerSecond: number;
	p50ms: number;
	p99ms: number;
	requests: number;
	/** Answers with another status than expected, and socket errors or timeouts. */
	failures: number;
}

// Browsing comes from one address; the proxy header the server is told to trust (server.ts)
// must be on every request.
const browser = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html', 'x-forwarded-for': '10.255.0.1' };

let visitors = 0;
/** A visitor of their own: a different address and phone number each, as many seniors would have. */
export function newVisitor() {
	const n = (visitors += 1);
	return { n, address: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, phone: `080${String(n).padStart(8, '0')}` };
}

export function targetsFor(t: Targets, cookies: { opened: string; staff: string }): Target[] {
	const page = (name: string, path: string, headers: Record<string, string> = {}): Target => ({
		name,
		kind: 'page',
		status: 200,
		request: () => ({ method: 'GET', path, headers: { ...browser, ...headers } })
	});
	return [
		{ name: '/ping (trivial)', kind: 'trivial', status: 200, request: () => ({ method: 'GET', path: '/ping', headers: browser }) },
		page('/', '/'),
		page('/sessions?municipality=…', `/sessions?municipality=${t.municipality}`),
		page('/sessions?lat&lng (near me)', '/sessions?lat=37.75&lng=140.47'),
		page('/sessions?topic&weekday&part', '/sessions?topic=line&weekday=2&part=am'),
		page('/m/{code}', `/m/${t.municipality}`),
		page('/sessions/{id}', `/sessions/${t.sessionId}`),
		{
			name: '/r/{code}',
			kind: 'page',
			status: 200,
			// Seniors opening their own registrations, each from an address of their own: from one
			// address, lookups wait for each other by design (the wrong-code limit counts them in turn).
			request: () => ({
				method: 'GET',
				path: `/r/${t.code}`,
				setupRequest: (request) => ({ ...request, headers: { ...browser, cookie: cookies.opened, 'x-forwarded-for': newVisitor().address } })
			})
		},
		// The prefecture admin's roles page: every town's staff, and the log of changes.
		{ ...page('/admin/roles (staff)', '/admin/roles', { cookie: cookies.staff }), kind: 'staff' },
		// The town office: its home, a town's two months of classes, and one class's registrations.
		{ ...page('/office (staff)', '/office', { cookie: cookies.staff }), kind: 'staff' },
		{ ...page('/office/sessions?town=… (staff)', `/office/sessions?town=${t.municipality}`, { cookie: cookies.staff }), kind: 'staff' },
		{ ...page('/office/sessions/{id}/registrations (staff)', `/office/sessions/${t.sessionId}/registrations`, { cookie: cookies.staff }), kind: 'staff' },
		// Progress toward targets (issue 11): a town's dashboard, and the prefecture's with every town.
		{ ...page('/office/progress?town=… (staff)', `/office/progress?town=${t.municipality}`, { cookie: cookies.staff }), kind: 'staff' },
		{ ...page('/pref/progress (staff)', '/pref/progress', { cookie: cookies.staff }), kind: 'staff' },
		{
			name: 'POST /sessions/{id}/register',
			kind: 'write',
			status: 303,
			request: (origin) => ({
				method: 'POST',
				path: '/',
				setupRequest(request) {
					const { n, address, phone } = newVisitor();
					const session = t.openSessionIds[n % t.openSessionIds.length];
					const form = new URLSearchParams({
						name1: 'ベンチ 太郎', kana1: 'べんち たろう', age1: '75_84', device1: 'iphone', loaner1: '', phone, note: '', consent: 'yes'
					});
					return {
						...request,
						path: `/sessions/${session}/register`,
						headers: { ...browser, origin, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
						body: form.toString()
					};
				}
			})
		}
	];
}

/** Opens the registration once, as a senior does with code and phone, for the /r page's cookie. */
export async function openedCookieFor(origin: string, t: Targets): Promise<string> {
	const response = await fetch(`${origin}/r/${t.code}?/show`, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...browser, origin, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ code: t.code, phone: t.phone })
	});
	const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	if (response.status !== 303 || !cookie) throw new Error(`opening ${t.code} answered ${response.status}`);
	return cookie;
}

/** Signs in as the bench's prefecture admin, for the staff pages' cookie. */
export async function staffCookieFor(origin: string, t: Targets): Promise<string> {
	const response = await fetch(`${origin}/signin`, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...browser, origin, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: t.admin.email, password: t.admin.password })
	});
	const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	if (response.status !== 303 || !cookie) throw new Error(`signing in as ${t.admin.email} answered ${response.status}`);
	return cookie;
}

export async function measure(origin: string, target: Target, connections: number, seconds: number): Promise<Measured> {
	const run = (duration: number) =>
		autocannon({ url: origin, connections, duration, requests: [target.request(origin)], timeout: 30 });
	await run(Math.max(1, Math.round(seconds / 3)));
	const result = await run(seconds);
	const expected = Number(result.statusCodeStats?.[`${target.status}`]?.count ?? 0);
	return {
		target: target.name,
		kind: target.kind,
		connections,
		requestsPerSecond: result.requests.average,
		p50ms: result.latency.p50,
		p99ms: result.latency.p99,
		requests: result.requests.total,
		failures: result.requests.total - expected + result.errors + result.timeouts
	};
}
