import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parsePreferences } from '$lib/domain/preferences.ts';
import { safeReturnPath } from '$lib/domain/return-path.ts';
import { isSecure } from '$lib/server/auth/secure-cookies.ts';
import { readForm } from '$lib/server/forms.ts';

export const load: PageServerLoad = () => redirect(303, '/');

const oneYear = 365 * 86_400;

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const fields = await readForm(request, ['text_size', 'contrast', 'lang', 'return_to']);
		const prefs = parsePreferences((name) => fields[name] || cookies.get(name));
		const options = { path: '/', maxAge: oneYear, httpOnly: true, sameSite: 'lax', secure: isSecure(url) } as const;
		cookies.set('text_size', prefs.textSize, options);
		cookies.set('contrast', prefs.contrast, options);
		cookies.set('lang', prefs.lang, options);
		redirect(303, safeReturnPath(fields.return_to));
	}
};
