import { fail } from '@sveltejs/kit';
import { supporterFieldNames, supporterForm, supporterLists } from '../domain/supporter-form.ts';
import { fieldErrors } from '../domain/account-forms.ts';
import { orFail, readFormWithLists } from './forms.ts';
import type { Db } from './db/port.ts';
import * as supporters from './supporters.ts';

/** Reads and saves the profile form; a refusal carries what was typed, ticked boxes included. */
export async function saveProfileFrom(request: Request, db: Db) {
	const { fields, lists } = await readFormWithLists(request, [...supporterFieldNames], supporterLists, 40);
	const values = Object.fromEntries(supporterFieldNames.map((name) => [name, (fields[name] ?? '').replaceAll('\u0000', '').slice(0, 600)]));
	const refused = (status: number, errors: Record<string, string>) => ({ failure: fail(status, { values, lists, errors }), value: undefined });
	const parsed = supporterForm.safeParse({ ...fields, ...lists });
	if (!parsed.success) return refused(400, fieldErrors(parsed.error));
	const saved = await orFail(() => supporters.saveMine(db, parsed.data), values);
	if (saved.failure) return refused(saved.failure.status, saved.failure.data.errors);
	return { failure: undefined, value: saved.value };
}
