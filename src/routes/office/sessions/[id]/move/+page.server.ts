import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { moveFieldNames, moveForm } from '$lib/domain/move-form.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';
import * as registrations from '$lib/server/office-registrations.ts';
import * as sessions from '$lib/server/office-sessions.ts';
import { idOf, readOrRefuse, signedIn } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	signedIn(locals, url);
	const id = idOf(params.id);
	const [session, list, targets] = await Promise.all([
		readOrRefuse(() => sessions.read(locals.db, id)),
		readOrRefuse(() => registrations.list(locals.db, id)),
		readOrRefuse(() => registrations.moveTargets(locals.db, id))
	]);
	const chosen = list.find((r) => r.id === url.searchParams.get('registration') && r.status !== 'cancelled');
	if (!chosen) error(404, 'not_found');
	// Who moves: the person, and whoever registered together with them.
	const party = list.filter((r) => r.status !== 'cancelled' && (r.id === chosen.id || (chosen.party_id !== null && r.party_id === chosen.party_id)));
	return { session, registration: chosen, party: party.map(({ full_name, status, position }) => ({ full_name, status, position })), targets };
};

export const actions: Actions = {
	default: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		idOf(params.id);
		const { data, failure, values } = parseForm(moveForm, await readForm(request, [...moveFieldNames]), [...moveFieldNames]);
		if (failure) return failure;
		const result = await orFail(() => registrations.move(locals.db, data.registration_id, data.to, data.waitlist_ok), values, 'to');
		if (result.failure) return result.failure;
		locals.publicPagesChanged();
		const moved = result.value;
		redirect(303, `/office/sessions/${moved.session_id}/registrations?moved=${moved.code}&position=${moved.position ?? ''}&promoted=${moved.promoted}&from=${params.id}#moved`);
	}
};
