import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface Route {
	/** The path with each parameter filled in with `value`. */
	path: (value: string) => string;
	/** `default` or the names of the page's form actions. */
	actions: string[];
	hasParams: boolean;
}

const routesDir = 'src/routes';

// encodeURIComponent throws on a lone surrogate; send its UTF-8 bytes as a broken client would.
export const encodeHostile = (value: string) => {
	try {
		return encodeURIComponent(value);
	} catch {
		return '%ED%A0%80';
	}
};

/** Every page and endpoint under src/routes, with the form actions its +page.server.ts declares. */
export function discoverRoutes(dir = routesDir): Route[] {
	const routes: Route[] = [];
	const folders = new Set<string>();
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile() && /^\+(page\.svelte|page\.server\.ts|server\.ts)$/.test(entry.name)) folders.add(entry.parentPath);
	}
	for (const parentPath of [...folders].sort()) {
		const entry = { parentPath };
		const folder = relative(dir, entry.parentPath);
		const segments = folder ? folder.split(sep).filter((s) => !/^\(.*\)$/.test(s)) : [];
		const serverFile = join(entry.parentPath, '+page.server.ts');
		let actions: string[] = [];
		try {
			actions = declaredActions(readFileSync(serverFile, 'utf8'));
		} catch {
			// No +page.server.ts: no actions.
		}
		routes.push({
			path: (value) => '/' + segments.map((s) => (/^\[.*\]$/.test(s) ? encodeHostile(value) : s)).join('/'),
			actions,
			hasParams: segments.some((s) => /^\[.*\]$/.test(s))
		});
	}
	return routes;
}

/** The keys of `export const actions = { … }`: one level of `name: async (` or `name(`. */
function declaredActions(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const body = source.slice(start);
	return [...body.matchAll(/^\t(\w+)(?::\s*async|\s*\()/gm)].map((m) => m[1]!);
}
