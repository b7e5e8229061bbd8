import type { PageServerLoad } from './$types';
import * as sessions from '$lib/server/office-sessions.ts';
import { qrCodeSvg } from '$lib/server/qr-code.ts';
import { idOf, readOrRefuse, signedIn } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	signedIn(locals, url);
	const session = await readOrRefuse(() => sessions.read(locals.db, idOf(params.id)));
	// The class's public page, on this site's own address (ORIGIN behind a proxy).
	const address = new URL(`/sessions/${session.id}`, url.origin).href;
	return { session, address, qr: await qrCodeSvg(address) };
};
