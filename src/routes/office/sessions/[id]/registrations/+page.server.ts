import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { fieldErrors } from '$lib/domain/account-forms.ts';
import { parseRegistration, registrationFieldNames } from '$lib/domain/registration-form.ts';
import { orFail, readForm, refuse } from '$lib/server/forms.ts';
import * as registrations from '$lib/server/office-registrations.ts';
import * as sessions from '$lib/server/office-sessions.ts';
import { idOf, readOrRefuse, signedIn } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	signedIn(locals, url);
	const id = idOf(params.id);
	const [session, list] = await Promise.all([readOrRefuse(() => sessions.read(locals.db, id)), readOrRefuse(() => registrations.list(locals.db, id))]);
	const code = (name: string) => (/^[A-Z0-9]{6,12}$/.test(url.searchParams.get(name) ?? '') ? url.searchParams.get(name) : null);
	const count = (name: string) => Math.min(Number(url.searchParams.get(name)) || 0, 1000);
	const movedCode = code('moved');
	// The class they moved from, where someone may have moved up: linked back to.
	const movedFrom = /^[0-9a-f-]{36}$/.test(url.searchParams.get('from') ?? '') ? url.searchParams.get('from') : null;
	return {
		session, registrations: list, added: code('added'), addedPosition: count('position') || null,
		moved: movedCode ? { code: movedCode, position: count('position') || null, promoted: count('promoted'), from: movedFrom } : null
	};
};

const echoed = (fields: Record<string, string>) =>
	Object.fromEntries(registrationFieldNames.map((name) => [name, (fields[name] ?? '').slice(0, 200)]));

export const actions: Actions = {
	register: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const id = idOf(params.id);
		const fields = await readForm(request, registrationFieldNames);
		const values = echoed(fields);
		const parsed = parseRegistration(fields);
		if (parsed.error) return refuse(400, values, fieldErrors(parsed.error));
		const result = await orFail(() => registrations.registerByPhone(locals.db, id, parsed.data), values);
		if (result.failure) return result.failure;
		locals.publicPagesChanged();
		redirect(303, `/office/sessions/${id}/registrations?added=${result.value.code}&position=${result.value.position ?? ''}#added`);
	},
	cancel: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const id = idOf(params.id);
		const { registration_id: registrationId = '' } = await readForm(request, ['registration_id']);
		const result = await orFail(() => registrations.cancel(locals.db, idOf(registrationId)), {}, 'cancel');
		if (result.failure) return result.failure;
		locals.publicPagesChanged();
		return { cancelled: result.value.cancelled, promoted: result.value.promoted, promotedIds: result.value.promoted_ids ?? [], sessionId: id };
	}
};
