import type { Actions, PageServerLoad } from './$types';
import { idOf, signedIn } from '$lib/server/office.ts';
import { orFail, readForm } from '$lib/server/forms.ts';
import * as supporters from '$lib/server/supporters.ts';
import { redirect } from '@sveltejs/kit';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	signedIn(locals, url);
	const me = await supporters.mine(locals.db);
	if (!me) redirect(303, '/supporter');
	return { me, ...(await supporters.sessionsForMe(locals.db)) };
};

/** The session a button names, and the one call it makes. */
async function act({ request, locals, url }: Parameters<Actions[string]>[0], call: typeof supporters.offerHelp, done: 'offered' | 'withdrawn') {
	signedIn(locals, url);
	const { session_id: id = '' } = await readForm(request, ['session_id']);
	const result = await orFail(() => call(locals.db, idOf(id)), {}, idOf(id));
	if (result.failure) return result.failure;
	return { done: result.value.status === 'assigned' ? ('accepted' as const) : done, sessionId: id };
}

export const actions: Actions = {
	offer: async (event) => act(event, supporters.offerHelp, 'offered'),
	withdraw: async (event) => act(event, supporters.withdrawHelp, 'withdrawn')
};
