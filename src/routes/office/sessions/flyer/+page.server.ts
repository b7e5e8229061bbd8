import type { PageServerLoad } from './$types';
import { monthFlyer } from '$lib/server/office-printables.ts';
import { twoMonthsFrom } from '$lib/server/office-forms.ts';
import { qrCodeSvg } from '$lib/server/qr-code.ts';
import { readOrRefuse, signedIn, townOf } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedIn(locals, url);
	const town = townOf(url);
	const period = twoMonthsFrom(url.searchParams.get('month'));
	const flyer = await readOrRefuse(() => monthFlyer(locals.db, town, period.from));
	// The town's page, where every class is listed, on this site's own address.
	const address = new URL(`/m/${town}`, url.origin).href;
	return { ...flyer, month: period.from.slice(0, 7), previous: period.previous, next: period.next, address, qr: await qrCodeSvg(address) };
};
