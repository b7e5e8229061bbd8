import { newVisitor } from '../../bench/load.ts';
import { internalDetail } from '../internal-detail.ts';

// Simulated visitors: browsing, registering and cancelling as the pages do it (forms posted
// with the site's origin and a browser's Accept, which SvelteKit answers with a redirect
// rather than JSON; the opened-registration cookie for cancelling), each from an address and
// phone number of their own.

export interface Registration {
	code: string;
	phone: string;
	cookie: string;
}

export interface Tally {
	statuses: Record<number, number>;
	/** Fetches that got no answer at all (connection refused or reset). */
	unanswered: number;
	registered: Registration[];
	cancelled: number;
	/** Answers with something internal in them (a stack, SQL, a file path). */
	leaks: string[];
}

export const newTally = (): Tally => ({ statuses: {}, unanswered: 0, registered: [], cancelled: 0, leaks: [] });

async function answer(tally: Tally, request: Promise<Response>) {
	let response: Response;
	try {
		response = await request;
	} catch {
		tally.unanswered += 1;
		return null;
	}
	tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
	const body = await response.text().catch(() => '');
	if (response.status >= 400 && internalDetail.test(body)) tally.leaks.push(`${response.status} ${response.url}: ${internalDetail.exec(body)![0]}`);
	return response;
}

export async function browse(origin: string, path: string, tally: Tally) {
	await answer(tally, fetch(origin + path, { headers: { accept: 'text/html', 'x-forwarded-for': '10.200.0.1', 'accept-encoding': 'gzip' }, redirect: 'manual' }));
}

export async function register(origin: string, sessionId: string, tally: Tally): Promise<Registration | null> {
	const { address, phone } = newVisitor();
	const form = new URLSearchParams({ name1: '試験 花子', kana1: 'しけん はなこ', age1: '75_84', device1: 'android', loaner1: '', phone, note: '', consent: 'yes' });
	const response = await answer(tally, fetch(`${origin}/sessions/${sessionId}/register`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
		body: form
	}));
	const location = response?.headers.get('location') ?? '';
	const code = /^\/r\/([A-Z0-9]+)\?new=1$/.exec(location)?.[1];
	if (response?.status !== 303 || !code) return null;
	const registration = { code, phone, cookie: response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };
	tally.registered.push(registration);
	return registration;
}

export async function cancel(origin: string, registration: Registration, tally: Tally) {
	const response = await answer(tally, fetch(`${origin}/r/${registration.code}?/cancel`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': newVisitor().address, cookie: registration.cookie },
		body: ''
	}));
	if (response?.status === 303 && response.headers.get('location')?.endsWith('?cancelled=1')) tally.cancelled += 1;
}

/** `connections` visitors at once for `seconds`: 90 % browsing, 8 % registering, 2 % cancelling. */
export async function mixedLoad(origin: string, pages: string[], sessionIds: string[], connections: number, seconds: number): Promise<Tally> {
	const tally = newTally();
	const until = Date.now() + seconds * 1000;
	let turn = 0;
	const visitorLoop = async () => {
		while (Date.now() < until) {
			const roll = (turn += 1) % 50;
			if (roll < 45) await browse(origin, pages[turn % pages.length]!, tally);
			else if (roll < 49) await register(origin, sessionIds[turn % sessionIds.length]!, tally);
			else {
				const mine = tally.registered[Math.floor(Math.random() * tally.registered.length)];
				if (mine) await cancel(origin, mine, tally);
			}
		}
	};
	await Promise.all(Array.from({ length: connections }, visitorLoop));
	return tally;
}
