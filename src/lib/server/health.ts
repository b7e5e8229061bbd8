import type { Db } from './db/port.ts';

/** True when the database answers a call. */
export async function databaseAnswers(db: Db): Promise<boolean> {
	try {
		return (await db.rpc<{ ok: boolean }>('health_check')).ok === true;
	} catch {
		return false;
	}
}
