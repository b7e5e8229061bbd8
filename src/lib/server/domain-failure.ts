import { fail } from '@sveltejs/kit';
import { DomainError } from './db/port.ts';

/** Runs a domain call; a coded SQL error becomes a 400 the page can translate. */
export async function orFail<T, E extends Record<string, unknown>>(call: () => Promise<T>, extra: E) {
	try {
		return { value: await call() };
	} catch (error) {
		if (error instanceof DomainError) return { failure: fail(400, { ...extra, errors: { form: error.code } }) };
		throw error;
	}
}
