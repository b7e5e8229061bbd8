import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parsePreferences } from '$lib/domain/preferences.ts';
import { safeReturnPath } from '$lib/domain/return-path.ts';
import { isSecure } from '$lib/server/auth/secure-cookies.ts';

export const load: PageServerLoad = () => redirect(303, '/');

const oneYear = 365 * 86_400;

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const field = (name: string) => {
			const value = form.get(name);
			return typeof value === 'string' ? value : undefined;
		};
		const prefs = parsePreferences((name) => field(name) ?? cookies.get(name));
		const options = { path: '/', maxAge: oneYear, httpOnly: true, sameSite: 'lax', secure: isSecure(url) } as const;
		cookies.set('text_size', prefs.textSize, options);
		cookies.set('contrast', prefs.contrast, options);
		cookies.set('lang', prefs.lang, options);
		redirect(303, safeReturnPath(field('return_to')));
	}
};
