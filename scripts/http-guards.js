// What every response gets, whoever answers it: SvelteKit, the static file server in
// front of it (which runs before SvelteKit's hooks), SvelteKit's own CSRF refusal, and
// Node itself when a request cannot be parsed. Used by serve.js.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Set before any handler runs; a page replaces the CSP with its own (hashes for its inline script). */
export const securityHeaders = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(self)',
	// Older phone browsers know this, not CSP's frame-ancestors.
	'x-frame-options': 'DENY',
	'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
};

/** Pages take forms (POST); files are only read. Anything else is refused before it reaches either. */
const pageMethods = ['GET', 'HEAD', 'POST'];
const fileMethods = ['GET', 'HEAD'];

/** The URL paths of the built static files (build/client), read once at start. */
export function staticPaths(clientDir) {
	return new Set(
		readdirSync(clientDir, { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile() && !/\.(br|gz)$/.test(entry.name))
			.map((entry) => '/' + relative(clientDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
	);
}

function refuse(res, status, allowed) {
	res.statusCode = status;
	res.setHeader('allow', allowed.join(', '));
	res.setHeader('content-type', 'text/plain; charset=utf-8');
	res.end(`${status} Method Not Allowed\n`);
}

/** Sets the security headers; answers 405 for a method the path does not take. Returns false when it answered. */
export function guard(req, res, files) {
	for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
	// A 304 updates the headers of the page the browser kept: it must not swap the page's own
	// policy (which allows its script) for the strict default. Without one, the kept one stays.
	const writeHead = res.writeHead;
	res.writeHead = function (status, ...rest) {
		if (status === 304) res.removeHeader('content-security-policy');
		return writeHead.call(this, status, ...rest);
	};
	const path = (req.url ?? '/').split('?')[0];
	const allowed = files.has(path) ? fileMethods : pageMethods;
	if (allowed.includes(req.method ?? '')) return true;
	refuse(res, 405, allowed);
	return false;
}

/** Node's own answer to a request it cannot parse (too long a URL, a malformed line), with the same headers. */
export function answerUnparsable(error, socket) {
	if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy();
	const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
	const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
	const headers = Object.entries({ ...securityHeaders, 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
		.map(([name, value]) => `${name}: ${value}\r\n`)
		.join('');
	socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers}\r\n${status} ${reason}\n`);
}
