import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { fiscalYearOf } from '$lib/domain/wareki.ts';
import { orFail } from '$lib/server/forms.ts';
import { signedIn } from '$lib/server/office.ts';
import { saveProfileFrom } from '$lib/server/supporter-forms.ts';
import * as supporters from '$lib/server/supporters.ts';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	signedIn(locals, url);
	const me = await supporters.mine(locals.db);
	if (!me) return { me, ...(await supporters.profileChoices(locals.db)), calendar: null };
	const [token, year] = await Promise.all([supporters.calendarToken(locals.db), supporters.activity(locals.db, fiscalYearOf(new Date()))]);
	return { me, year, towns: [], topics: [], calendar: new URL(`/supporter/calendar/${token}.ics`, url.origin).href, saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
	// Signing up: the profile, as an application.
	apply: async ({ request, locals, url }) => {
		signedIn(locals, url);
		const result = await saveProfileFrom(request, locals.db);
		if (result.failure) return result.failure;
		redirect(303, '/supporter?saved=1');
	},
	stepBack: async ({ locals, url }) => {
		signedIn(locals, url);
		const result = await orFail(() => supporters.setMyActive(locals.db, false), {}, 'status');
		return result.failure ?? { done: 'steppedBack' as const, kept: result.value.kept };
	},
	comeBack: async ({ locals, url }) => {
		signedIn(locals, url);
		const result = await orFail(() => supporters.setMyActive(locals.db, true), {}, 'status');
		return result.failure ?? { done: 'cameBack' as const };
	},
	renewCalendar: async ({ locals, url }) => {
		signedIn(locals, url);
		const result = await orFail(() => supporters.calendarToken(locals.db, true), {}, 'status');
		return result.failure ?? { done: 'calendarRenewed' as const };
	}
};
