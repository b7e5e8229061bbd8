import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { databaseAnswers } from '$lib/server/health.ts';

export const GET: RequestHandler = async ({ locals }) => {
	const ok = await databaseAnswers(locals.db);
	return json({ ok }, { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
