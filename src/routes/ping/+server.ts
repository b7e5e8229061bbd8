import type { RequestHandler } from './$types';

// Fixed text, no database: whether the process answers at all (where /healthz also asks the
// database), and the yardstick the benchmark measures every page against.
export const GET: RequestHandler = () => new Response('ok', { headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });
