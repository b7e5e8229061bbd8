// What a visitor asked for on /sessions, read from the address so that a list can be shared
// and bookmarked. A value that cannot be read is dropped and named, never a crash.

export const parts = ['am', 'pm'] as const;
export const devices = ['iphone', 'android'] as const;
export const sorts = ['near', 'soon'] as const;
export const pageSize = 20;

export interface SessionSearch {
	municipality?: string;
	postal?: string;
	topic?: string;
	from?: string;
	to?: string;
	weekday: number[];
	part?: (typeof parts)[number];
	device?: (typeof devices)[number];
	lat?: number;
	lng?: number;
	sort?: (typeof sorts)[number];
	page: number;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (value: string) => isoDate.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** 〒 codes as people type them: full-width digits, a hyphen of any kind, the 〒 mark. */
export function normalizePostalCode(text: string): string | null {
	const digits = text.normalize('NFKC').replace(/[〒\s\-‐−–—―ー]/g, '');
	return /^\d{7}$/.test(digits) ? digits : null;
}

/** The search in an address's query, and the names of the parameters that were not usable. */
export function readSearch(params: URLSearchParams): { search: SessionSearch; ignored: string[] } {
	const ignored: string[] = [];
	const one = (name: string, valid: (value: string) => boolean) => {
		const value = params.get(name)?.trim();
		if (value === undefined || value === '') return undefined;
		if (value.length > 40 || !valid(value)) {
			ignored.push(name);
			return undefined;
		}
		return value;
	};
	const search: SessionSearch = { weekday: [], page: 1 };
	search.municipality = one('municipality', (v) => /^\d{6}$/.test(v));
	const postal = one('postal', (v) => normalizePostalCode(v) !== null);
	search.postal = postal && normalizePostalCode(postal)!;
	search.topic = one('topic', (v) => /^[a-z_]{2,30}$/.test(v));
	search.from = one('from', validDate);
	search.to = one('to', validDate);
	search.part = one('part', (v) => (parts as readonly string[]).includes(v)) as SessionSearch['part'];
	search.device = one('device', (v) => (devices as readonly string[]).includes(v)) as SessionSearch['device'];
	search.sort = one('sort', (v) => (sorts as readonly string[]).includes(v)) as SessionSearch['sort'];
	const coordinate = (name: string, limit: number) => {
		const value = one(name, (v) => /^-?\d{1,3}(\.\d{1,6})?$/.test(v) && Math.abs(Number(v)) <= limit);
		return value === undefined ? undefined : Number(value);
	};
	search.lat = coordinate('lat', 90);
	search.lng = coordinate('lng', 180);
	if ((search.lat === undefined) !== (search.lng === undefined)) {
		ignored.push(search.lat === undefined ? 'lng' : 'lat');
		search.lat = search.lng = undefined;
	}
	for (const value of params.getAll('weekday').slice(0, 7)) {
		if (/^[0-6]$/.test(value)) search.weekday.push(Number(value));
		else if (value !== '') ignored.push('weekday');
	}
	search.weekday = [...new Set(search.weekday)].sort();
	const page = one('page', (v) => /^\d{1,5}$/.test(v) && Number(v) >= 1);
	search.page = page ? Number(page) : 1;
	return { search, ignored: [...new Set(ignored)] };
}

/** The address of a search, with some of it changed (a page, say); empty parts left out. */
export function searchHref(search: SessionSearch, change: Partial<SessionSearch> = {}, path = '/sessions'): string {
	const merged = { ...search, ...change };
	const params = new URLSearchParams();
	for (const key of ['municipality', 'postal', 'topic', 'from', 'to', 'part', 'device', 'lat', 'lng', 'sort'] as const) {
		const value = merged[key];
		if (value !== undefined && value !== '') params.set(key, String(value));
	}
	for (const day of merged.weekday) params.append('weekday', String(day));
	if (merged.page > 1) params.set('page', String(merged.page));
	const query = params.toString();
	return query ? `${path}?${query}` : path;
}

/** Whether a search names anything beyond the page. */
export const isFiltered = (search: SessionSearch) =>
	searchHref({ ...search, page: 1 }) !== '/sessions';
