import { error as httpError, fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrors } from '../domain/account-forms.ts';
import { AuthError } from './auth/port.ts';
import { DomainError } from './db/port.ts';

/**
 * What a page gets back from a refused form: codes per field, the values to show again,
 * and for a throttled sign-in, the minutes to wait when known.
 */
export type FormFailure = { values: Record<string, string>; errors: Record<string, string>; retryMinutes?: number };

/**
 * The named fields of a posted form, as strings. A body that is not a form (text/plain,
 * JSON, broken multipart) is a 400 page that says so, not a crash.
 */
export async function readForm(request: Request, names: string[]): Promise<Record<string, string>> {
	return formFields(await formDataOf(request), names);
}

async function formDataOf(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (failure) {
		// SvelteKit's body size limit surfaces here too, directly or as the cause.
		const tooLarge = [failure, (failure as { cause?: unknown })?.cause].some((e) => (e as { status?: number })?.status === 413);
		httpError(tooLarge ? 413 : 400, tooLarge ? 'too_large' : 'bad_form');
	}
}

/** The named fields of a posted form, and every value of a field that may repeat (ticked boxes). */
export async function readFormWithList(request: Request, names: string[], list: string, max = 100): Promise<{ fields: Record<string, string>; values: string[] }> {
	const form = await formDataOf(request);
	const values = form.getAll(list).filter((v): v is string => typeof v === 'string').slice(0, max);
	return { fields: formFields(form, names), values };
}

/** The named fields of a posted form, and every value of each field that may repeat (ticked boxes). */
export async function readFormWithLists<L extends string>(request: Request, names: string[], lists: readonly L[], max = 100): Promise<{ fields: Record<string, string>; lists: Record<L, string[]> }> {
	const form = await formDataOf(request);
	const values = (list: string) => form.getAll(list).filter((v): v is string => typeof v === 'string').slice(0, max);
	return { fields: formFields(form, names), lists: Object.fromEntries(lists.map((list) => [list, values(list)])) as Record<L, string[]> };
}

/** The named fields of a posted form, and the bytes of one uploaded file (empty when none; 413 when over `maxBytes`). */
export async function readFormWithFile(request: Request, names: string[], file: string, maxBytes: number): Promise<{ fields: Record<string, string>; bytes: Uint8Array }> {
	const form = await formDataOf(request);
	const upload = form.get(file);
	if (upload instanceof File && upload.size > maxBytes) httpError(413, 'too_large');
	const bytes = upload instanceof File ? new Uint8Array(await upload.arrayBuffer()) : new Uint8Array();
	return { fields: formFields(form, names), bytes };
}

/** The fields a form posted, as strings (a file or a missing field becomes ''). */
function formFields(form: FormData, names: string[]): Record<string, string> {
	return Object.fromEntries(
		names.map((name) => {
			const value = form.get(name);
			return [name, typeof value === 'string' ? value : ''];
		})
	);
}

// What was typed goes back into the form, except NUL bytes: no field can hold one, and the
// page would carry it raw.
const echoable = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.replaceAll('\u0000', '')]));

export const refuse = (status: number, values: Record<string, string>, errors: Record<string, string>, retryMinutes?: number) =>
	fail(status, { values: echoable(values), errors, ...(retryMinutes ? { retryMinutes } : {}) } satisfies FormFailure);

/**
 * Parses a form; on bad input, a 400 with a code per field. Only the fields named in
 * `echo` are sent back to refill the form (never a password).
 */
export function parseForm<T extends z.ZodType>(schema: T, fields: Record<string, string>, echo: string[] = []) {
	const values = Object.fromEntries(echo.map((name) => [name, fields[name] ?? '']));
	const parsed = schema.safeParse(fields);
	if (parsed.success) return { data: parsed.data as z.infer<T>, values };
	return { failure: refuse(400, values, fieldErrors(parsed.error)), values };
}

// Refusals from SQL that mean "not now, too many": 429, so that a client may back off.
const limitCodes = new Set(['too_many_attempts', 'too_many_from_here', 'too_many_for_phone']);

/** Runs a call; a coded refusal from SQL or auth becomes a 400 (429 when rate limited) to show. */
export async function orFail<T>(call: () => Promise<T>, values: Record<string, string>, field: string | ((code: string) => string) = 'form') {
	try {
		return { value: await call() };
	} catch (error) {
		if (error instanceof DomainError) {
			const name = typeof field === 'string' ? field : field(error.code);
			return { failure: refuse(limitCodes.has(error.code) ? 429 : 400, values, { [name]: error.code }) };
		}
		if (error instanceof AuthError) {
			const status = error.code === 'rate_limited' || error.code === 'too_many_sign_ups' ? 429 : 400;
			const wait = error.retryAfterSeconds && Math.ceil(error.retryAfterSeconds / 60);
			const name = typeof field === 'string' ? field : field(error.code);
			return { failure: refuse(status, values, { [error.code === 'weak_password' ? 'password' : name]: error.code }, wait) };
		}
		throw error;
	}
}
