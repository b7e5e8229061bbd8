// Serves the built app. Like adapter-node's own entry, plus compression, the guards of
// http-guards.js, and the protocol decided by the connection: without ORIGIN,
// adapter-node assumes every request came over https, which breaks forms (CSRF origin
// check) and cookies on a town PC served over plain http on the office LAN; and reading
// X-Forwarded-Proto when no proxy sets it would let a client choose. So unless ORIGIN or
// PROTOCOL_HEADER says a proxy is in front, the socket decides, under a header name only
// this file writes (on every request, over whatever a client sent).
import http from 'node:http';
import compression from 'compression';
import { answerUnparsable, guard, staticPaths } from './http-guards.js';

const socketDecides = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
const socketProtocol = 'x-tsunagu-socket-protocol';
if (socketDecides) process.env.PROTOCOL_HEADER = socketProtocol;
// Imported after PROTOCOL_HEADER is set: the handler reads it once, at import. Importing
// also opens and migrates the database; a refusal there is told in one line.
const { handler } = await import('../build/handler.js').catch((error) => {
	console.error(`tsunagu cannot start: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
});

// Pages are compressed too (adapter-node compresses only the static files): a list of
// classes shrinks to a fifth, which counts on a slow rural line.
const compress = compression();
const files = staticPaths(new URL('../build/client', import.meta.url).pathname);

const server = http.createServer((req, res) => {
	if (!guard(req, res, files)) return;
	if (socketDecides) req.headers[socketProtocol] = req.socket.encrypted ? 'https' : 'http';
	compress(req, res, () =>
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		})
	);
});

server.on('clientError', answerUnparsable);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
server.listen(port, host, () => console.log(`tsunagu is listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`));

// Close the database (and release the embedded one's lock) before exiting.
function shutdown(reason) {
	server.close(() => process.emit('sveltekit:shutdown', reason));
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), 5000).unref();
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
