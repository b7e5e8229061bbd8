import { AuthError } from '../../src/lib/server/auth/port.ts';
import { DomainError } from '../../src/lib/server/db/port.ts';

/** 'ok', or the code of the domain or auth error the call was refused with. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
	try {
		await call;
		return 'ok';
	} catch (error) {
		if (error instanceof DomainError || error instanceof AuthError) return error.code;
		throw error;
	}
}
