import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isCodeShaped, normalizeCode } from '$lib/domain/registration-form.ts';
import { throttleKey } from '$lib/server/auth/throttle-key.ts';
import { orFail, readForm, refuse } from '$lib/server/forms.ts';
import { rememberOpened } from '$lib/server/opened-registration.ts';

export const load: PageServerLoad = ({ setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
};

/** Code and phone number: on a match, the registration's own page; a miss counts against the address. */
export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const fields = await readForm(request, ['code', 'phone']);
		const code = normalizeCode(fields.code!.slice(0, 40));
		const values = { code: fields.code!.slice(0, 40), phone: fields.phone!.slice(0, 40) };
		if (!code) return refuse(400, values, { code: 'code_required' });
		const desk = locals.desk;
		if (!desk) return refuse(503, values, { form: 'registration_by_phone' });
		const result = await orFail(() => desk.find(code, fields.phone!.slice(0, 40), throttleKey(getClientAddress())), values);
		if (result.failure) return result.failure;
		if (!result.value.found || !isCodeShaped(code)) return refuse(400, values, { form: 'code_not_found' });
		rememberOpened(cookies, url, { code, phone: fields.phone!.slice(0, 40) });
		redirect(303, `/r/${code}`);
	}
};
