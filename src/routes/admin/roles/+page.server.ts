import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { grantRoleForm, grantIdForm } from '$lib/domain/account-forms.ts';
import { managesAnything } from '$lib/domain/roles.ts';
import { orFail, parseForm, readForm } from '$lib/server/forms.ts';
import { forgetIssued, recallIssued, rememberIssued } from '$lib/server/issued-password.ts';
import * as roles from '$lib/server/roles.ts';

export const load: PageServerLoad = async ({ locals, parent, cookies }) => {
	if (!locals.user) redirect(303, '/signin?next=/admin/roles');
	const { roles: mine } = await parent();
	if (!managesAnything(mine)) error(403, 'not_allowed');
	return { ...(await roles.rolesPage(locals.db)), issued: recallIssued(cookies, locals.user) };
};

export const actions: Actions = {
	grant: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/signin?next=/admin/roles');
		const fields = await readForm(request, ['email', 'role', 'municipality_code']);
		const { data, failure, values } = parseForm(grantRoleForm, fields, ['email']);
		if (failure) return failure;
		const code = data.role === 'municipality_staff' ? data.municipality_code : undefined;
		const result = await orFail(() => roles.grant(locals.db, data.email, data.role, code), values);
		return result.failure ?? { done: 'granted' as const };
	},
	revoke: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/signin?next=/admin/roles');
		const { data, failure } = parseForm(grantIdForm, await readForm(request, ['grant_id']));
		if (failure) return failure;
		const result = await orFail(() => roles.revoke(locals.db, data.grant_id), {});
		return result.failure ?? { done: 'revoked' as const };
	},
	oneTimePassword: async ({ request, locals, cookies, url }) => {
		if (!locals.user) redirect(303, '/signin?next=/admin/roles');
		const { data, failure } = parseForm(grantIdForm, await readForm(request, ['grant_id']));
		if (failure) return failure;
		const result = await orFail(() => locals.auth.issueOneTimePassword(data.grant_id), {});
		if (result.failure) return result.failure;
		rememberIssued(cookies, url, locals.user.id, result.value);
		redirect(303, '/admin/roles#issued-title');
	},
	forgetOneTimePassword: async ({ cookies, url }) => {
		forgetIssued(cookies, url);
		redirect(303, '/admin/roles');
	}
};
