import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { fieldErrors } from '$lib/domain/account-forms.ts';
import { parseRegistration, registrationFieldNames } from '$lib/domain/registration-form.ts';
import { throttleKey } from '$lib/server/auth/throttle-key.ts';
import { orFail, readForm, refuse } from '$lib/server/forms.ts';
import { rememberOpened } from '$lib/server/opened-registration.ts';
import { sessionIdOr404, visibleSession } from '$lib/server/session-page.ts';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	return { session: await visibleSession(locals.db, params.id), retentionYears: locals.retentionYears };
};

// Everything typed comes back to the form on a refusal, the consent tick too (a senior who
// fixes one field should not fail again on a box they had ticked).
const echoed = (fields: Record<string, string>) =>
	Object.fromEntries(registrationFieldNames.map((name) => [name, (fields[name] ?? '').slice(0, 200)]));

export const actions: Actions = {
	// Whether the session takes registrations is decided in SQL (register_for_session); a
	// refusal re-runs load above, which shows the 404 for a session that is not there.
	default: async ({ request, locals, params, cookies, url, getClientAddress }) => {
		const sessionId = sessionIdOr404(params.id);
		const fields = await readForm(request, registrationFieldNames);
		const values = echoed(fields);
		const parsed = parseRegistration(fields);
		if (parsed.error) return refuse(400, values, fieldErrors(parsed.error));
		const desk = locals.desk;
		if (!desk) return refuse(503, values, { form: 'registration_by_phone' });
		const result = await orFail(() => desk.register(sessionId, parsed.data, throttleKey(getClientAddress())), values);
		if (result.failure) return result.failure;
		rememberOpened(cookies, url, { code: result.value.code, phone: parsed.data.phone });
		redirect(303, `/r/${result.value.code}?new=1`);
	}
};
