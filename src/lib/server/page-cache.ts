// Public list pages, as an anonymous visitor sees them, kept for at most a second: when a town
// announces classes on the radio, hundreds open the same page at once, and each would
// otherwise ask the database the same question. The age is counted from before the page
// asked the database, so no seat that is gone is shown as free for more than `ttlMs`
// (issue 8); a registration or cancellation made here clears it at once. Registering always
// decides in SQL, never from here.

export interface CachedPage {
	status: number;
	headers: [string, string][];
	body: string;
	/** The body gzipped, made on first asking: most visitors' browsers take it. */
	gzipped?: Uint8Array<ArrayBuffer>;
	/** When the page began to be made, before its data was read. */
	readAt: number;
}

export interface PageCache {
	/** The page for `key` if it is young enough, else made by `make` (once, however many ask at once). */
	get(key: string, make: () => Promise<CachedPage | null>): Promise<CachedPage | null>;
	clear(): void;
	readonly size: number;
}

export function createPageCache({ ttlMs = 1000, maxEntries = 500, now = () => performance.now() } = {}): PageCache {
	const pages = new Map<string, CachedPage>();
	const making = new Map<string, Promise<CachedPage | null>>();
	let generation = 0;

	return {
		async get(key, make) {
			const kept = pages.get(key);
			if (kept && now() - kept.readAt < ttlMs) return kept;
			if (kept) pages.delete(key);
			const pending = making.get(key);
			if (pending) return pending;
			const startedIn = generation;
			const made = make().then((page) => {
				// A clear() while it was made: the page may hold what was cleared for.
				if (page && startedIn === generation) {
					if (pages.size >= maxEntries) pages.delete(pages.keys().next().value!);
					pages.set(key, page);
				}
				return page;
			});
			making.set(key, made);
			try {
				return await made;
			} finally {
				making.delete(key);
			}
		},
		clear() {
			generation += 1;
			pages.clear();
		},
		get size() {
			return pages.size;
		}
	};
}
