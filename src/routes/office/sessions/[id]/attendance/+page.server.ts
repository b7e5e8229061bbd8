import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { fieldErrors } from '$lib/domain/account-forms.ts';
import { markFieldNames, markForm, walkInNonce } from '$lib/domain/check-in-form.ts';
import { parseRegistration, registrationFieldNames } from '$lib/domain/registration-form.ts';
import * as checkIn from '$lib/server/check-in.ts';
import { orFail, parseForm, readForm, refuse } from '$lib/server/forms.ts';
import { idOf, readOrRefuse, signedIn } from '$lib/server/office.ts';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	signedIn(locals, url);
	const list = await readOrRefuse(() => checkIn.list(locals.db, idOf(params.id)));
	// Each button rendered carries a nonce of its own: sent twice (a reload, a double tap), it
	// counts once; present and absent have different ones, so that either can follow the other.
	const nonces = Object.fromEntries(list.people.map((p) => [p.registration_id, { yes: randomUUID(), no: randomUUID() }]));
	return { list, nonces, walkInNonce: randomUUID() };
};

export const actions: Actions = {
	mark: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const id = idOf(params.id);
		const { data, failure } = parseForm(markForm, await readForm(request, [...markFieldNames]));
		if (failure) return failure;
		const result = await orFail(() => checkIn.mark(locals.db, id, data.registration_id, data.attended, data.nonce, data.marked_at), {}, 'mark');
		if (result.failure) return result.failure;
		return { marked: result.value };
	},
	walkIn: async ({ request, locals, url, params }) => {
		signedIn(locals, url);
		const id = idOf(params.id);
		const fields = await readForm(request, [...registrationFieldNames, 'nonce']);
		const values = Object.fromEntries(registrationFieldNames.map((name) => [name, (fields[name] ?? '').slice(0, 200)]));
		// The same fields as a registration, consent given by coming (told on the sheet).
		const parsed = parseRegistration({ ...fields, consent: 'yes', together: '' });
		if (parsed.error) return refuse(400, values, fieldErrors(parsed.error));
		const nonce = walkInNonce.safeParse(fields.nonce);
		if (!nonce.success) return refuse(400, values, { form: 'invalid_request' });
		const result = await orFail(() => checkIn.addWalkIn(locals.db, id, parsed.data.people[0]!, parsed.data.phone, nonce.data), values);
		if (result.failure) return result.failure;
		return { walkIn: result.value };
	}
};
