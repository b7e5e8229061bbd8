import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrors } from '../domain/account-forms.ts';
import { AuthError } from './auth/port.ts';

/** The fields a form posted, as strings (a file or a missing field becomes ''). */
export function formFields(form: FormData, names: string[]): Record<string, string> {
	return Object.fromEntries(names.map((name) => {
		const value = form.get(name);
		return [name, typeof value === 'string' ? value : ''];
	}));
}

export type FormFailure = { email: string; errors: Record<string, string> };

/** Parses a form; on bad input, a 400 with codes per field and the e-mail to show again. */
export function parseForm<T extends z.ZodType>(schema: T, fields: Record<string, string>) {
	const parsed = schema.safeParse(fields);
	if (parsed.success) return { data: parsed.data as z.infer<T> };
	return { failure: fail(400, { email: fields.email ?? '', errors: fieldErrors(parsed.error) } satisfies FormFailure) };
}

/** An AuthError as a 400 (429 when rate limited) the page can show; anything else is thrown on. */
export function authFailure(error: unknown, email: string) {
	if (!(error instanceof AuthError)) throw error;
	const field = error.code === 'weak_password' ? 'password' : 'form';
	return fail(error.code === 'rate_limited' ? 429 : 400, { email, errors: { [field]: error.code } } satisfies FormFailure);
}
