import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { gzipSync } from 'node:zlib';
import { startApp, type App } from '$lib/server/app.ts';
import { parsePreferences } from '$lib/domain/preferences.ts';
import { messagesFor } from '$lib/messages/index.ts';

let app: App;

export const init: ServerInit = async () => {
	app = await startApp(process.env);
	process.once('sveltekit:shutdown', () => void app.backend.close());
};

// SvelteKit runs these hooks for a path it cannot decode outside its own error handling
// (respond.js calls handle() before its try): anything they throw then, such as the
// cross-site refusal or a redirect, rejects unhandled and stops the whole server. So such
// a path is answered here, first, without throwing.
const decodes = (path: string) => {
	try {
		// The result is used: a bare decodeURI(path) call is dropped by the bundler as pure.
		return decodeURI(path).length >= 0;
	} catch {
		return false;
	}
};
const undecodablePath: Handle = ({ event, resolve }) => {
	if (decodes(event.url.pathname)) return resolve(event);
	const lang = parsePreferences((name) => event.cookies.get(name)).lang;
	return new Response(messagesFor(lang).errors.bad_address, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
};

const preferences: Handle = ({ event, resolve }) => {
	const prefs = parsePreferences((name) => event.cookies.get(name));
	event.locals.preferences = prefs;
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%tsunagu.lang%', prefs.lang)
				.replace('%tsunagu.textSize%', prefs.textSize)
				.replace('%tsunagu.contrast%', prefs.contrast)
	});
};

// Behind a proxy that is not declared, every visitor shares the proxy's address, and the
// per-address sign-in limit would then stop everyone at once: say so, once (README). Where
// one is declared (ADDRESS_HEADER), a request without its header did not come through it:
// it is refused here, where adapter-node would throw (a 500) when the address is read.
let warnedAboutProxy = false;
const addressHeader = process.env.ADDRESS_HEADER?.toLowerCase();
const proxyCheck: Handle = ({ event, resolve }) => {
	if (addressHeader && !event.request.headers.has(addressHeader)) {
		const lang = parsePreferences((name) => event.cookies.get(name)).lang;
		return new Response(messagesFor(lang).errors.not_through_proxy, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	if (!warnedAboutProxy && !addressHeader && event.request.headers.has('x-forwarded-for')) {
		warnedAboutProxy = true;
		console.warn('Requests carry X-Forwarded-For, but ADDRESS_HEADER is not set: sign-in limits count every visitor as the proxy. See README, Configuration.');
	}
	return resolve(event);
};

// Writes come from this site's own pages. Checked here rather than by SvelteKit's own check
// (off in svelte.config.js) so that the refusal is said in the reader's language; and
// stricter than it: every method that changes something, whatever the content type. An
// error thrown here is shown on src/error.html, which prints the message as it is: so the
// message is the sentence, not a code.
const safeMethods = ['GET', 'HEAD', 'OPTIONS'];
const sameSiteWrites: Handle = ({ event, resolve }) => {
	if (!safeMethods.includes(event.request.method) && event.request.headers.get('origin') !== event.url.origin) {
		error(403, messagesFor(event.locals.preferences.lang).errors.cross_site);
	}
	return resolve(event);
};

// SvelteKit answers a form posted to `?/default` with a 500 ('reserved action name'): only a
// tampered or hand-made request does that, so it is told its form could not be read.
const reservedActionName: Handle = ({ event, resolve }) => {
	const named = [...event.url.searchParams.keys()].find((key) => key.startsWith('/'));
	if (event.request.method === 'POST' && named === '/default') error(400, messagesFor(event.locals.preferences.lang).errors.bad_form);
	return resolve(event);
};

const authentication: Handle = async ({ event, resolve }) => {
	const auth = app.auth.forRequest(event);
	event.locals.auth = auth;
	event.locals.user = await auth.getUser();
	event.locals.db = auth.db(event.locals.user);
	event.locals.passwordReset = app.passwordReset;
	event.locals.desk = app.desk;
	event.locals.publicPagesChanged = () => app.pageCache?.clear();
	event.locals.retentionYears = app.config.retentionYears;
	event.locals.eraseExpiredNow = app.eraseExpiredNow;
	const response = await resolve(event);
	// What a signed-in page shows is that account's: not for a shared PC's cache or a proxy.
	if (event.locals.user && !response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
	return response;
};

// Signed in with a one-time password: choosing a new one comes first. Signing out, and the
// display switches (larger text may be what it takes to choose one), stay open.
const openWhileChangingPassword = ['/account/password', '/signout', '/preferences'];
const passwordChangeFirst: Handle = ({ event, resolve }) => {
	if (event.locals.user?.mustChangePassword && !openWhileChangingPassword.includes(event.url.pathname)) {
		redirect(303, `/account/password?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	return resolve(event);
};

// The public list pages an anonymous visitor sees, reused for up to a second (page-cache.ts).
// Keyed by the address and the display switches, the only things such a page depends on.
const reusablePages = new Set(['/', '/sessions', '/m/[code]', '/sessions/[id]']);
const publicPageCache: Handle = async ({ event, resolve }) => {
	const cache = app.pageCache;
	if (!cache || event.request.method !== 'GET' || event.locals.user || !reusablePages.has(event.route.id ?? '')) return resolve(event);
	const { lang, textSize, contrast } = event.locals.preferences;
	let made: Response | undefined;
	const page = await cache.get(`${lang} ${textSize} ${contrast} ${event.url.pathname}${event.url.search}`, async () => {
		const readAt = performance.now();
		made = await resolve(event);
		if (made.status !== 200 || made.headers.has('set-cookie')) return null;
		// Its length is set again for whichever encoding it is served in.
		const headers = [...made.headers].filter(([name]) => name !== 'content-length');
		return { status: made.status, headers, body: await made.clone().text(), readAt };
	});
	if (made) return made;
	if (!page) return resolve(event);
	// Compressed once for everyone, instead of per answer in serve.js (which leaves an answer
	// that is already encoded as it is).
	if (!/\bgzip\b/.test(event.request.headers.get('accept-encoding') ?? '')) return new Response(page.body, { status: page.status, headers: page.headers });
	page.gzipped ??= new Uint8Array(gzipSync(page.body));
	const headers = new Headers(page.headers);
	headers.set('content-encoding', 'gzip');
	headers.append('vary', 'Accept-Encoding');
	return new Response(page.gzipped, { status: page.status, headers });
};

// Security headers are set by scripts/serve.js on every response, static files and
// SvelteKit's own refusals included, which run before these hooks.
export const handle = sequence(undecodablePath, proxyCheck, preferences, sameSiteWrites, reservedActionName, authentication, passwordChangeFirst, publicPageCache);

// SvelteKit's own refusals, by status, as codes the error page words for the reader.
const codeByStatus: Record<number, string> = { 404: 'not_found', 405: 'no_form_here', 413: 'too_large' };

// Log the failure without request data (it may hold personal data); show a plain message.
export const handleError: HandleServerError = ({ error: failure, status }) => {
	if (status >= 500) console.error(failure instanceof Error ? failure.stack : failure);
	return { message: codeByStatus[status] ?? 'unexpected' };
};
