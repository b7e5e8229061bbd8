import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isCodeShaped, normalizeCode } from '$lib/domain/registration-form.ts';
import { throttleKey } from '$lib/server/auth/throttle-key.ts';
import { orFail, readForm, refuse } from '$lib/server/forms.ts';
import { forgetOpened, recallOpened, rememberOpened } from '$lib/server/opened-registration.ts';
import { DomainError } from '$lib/server/db/port.ts';

/** The code as it should be written; a code typed another way is sent to its own address. */
function codeOf(raw: string) {
	const code = normalizeCode(raw.slice(0, 40));
	if (!isCodeShaped(code)) error(404, 'not_found');
	if (code !== raw) redirect(308, `/r/${code}`);
	return code;
}

export const load: PageServerLoad = async ({ locals, params, cookies, url, setHeaders, getClientAddress }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const code = codeOf(params.code);
	const phone = recallOpened(cookies, code);
	if (!phone || !locals.desk) return { code, registration: null, session: null };
	const registration = await locals.desk.find(code, phone, throttleKey(getClientAddress())).catch((error) => {
		if (error instanceof DomainError) return error;
		throw error;
	});
	// Paused for this address: say so, and keep the cookie for when the pause is over.
	if (registration instanceof DomainError) return { code, registration: null, session: null, refusal: registration.code };
	if (!registration.found) {
		forgetOpened(cookies, url);
		return { code, registration: null, session: null };
	}
	const { session, ...found } = registration;
	return { code, registration: found, session, isNew: url.searchParams.has('new'), confirmCancel: url.searchParams.has('cancel') };
};

export const actions: Actions = {
	show: async ({ request, locals, params, cookies, url, getClientAddress }) => {
		const code = codeOf(params.code);
		const fields = await readForm(request, ['code', 'phone']);
		const phone = fields.phone!.slice(0, 40);
		const values = { code, phone };
		const typed = normalizeCode(fields.code!.slice(0, 40)) || code;
		const desk = locals.desk;
		if (!desk) return refuse(503, values, { form: 'registration_by_phone' });
		const result = await orFail(() => desk.find(typed, phone, throttleKey(getClientAddress())), values);
		if (result.failure) return result.failure;
		if (!result.value.found) return refuse(400, values, { form: 'code_not_found' });
		rememberOpened(cookies, url, { code: typed, phone });
		redirect(303, `/r/${typed}`);
	},
	cancel: async ({ locals, params, cookies, getClientAddress }) => {
		const code = codeOf(params.code);
		const phone = recallOpened(cookies, code);
		const desk = locals.desk;
		// The hour is over (or the cookie is gone): ask for the phone number again.
		if (!phone) redirect(303, `/r/${code}`);
		if (!desk) return refuse(503, { code }, { form: 'registration_by_phone' });
		const result = await orFail(() => desk.cancel(code, phone, throttleKey(getClientAddress())), { code });
		if (result.failure) return result.failure;
		if (!result.value.found) return refuse(400, { code }, { form: 'code_not_found' });
		redirect(303, `/r/${code}?cancelled=1`);
	}
};
