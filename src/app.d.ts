import type { RequestAuth, User } from '$lib/server/auth/port.ts';
import type { Db } from '$lib/server/db/port.ts';
import type { Preferences } from '$lib/domain/preferences.ts';
import type { MailedPasswordReset } from '$lib/server/password-reset.ts';
import type { SeniorDesk } from '$lib/server/registrations.ts';
import type { Erased } from '$lib/server/retention.ts';

declare global {
	namespace App {
		interface Locals {
			auth: RequestAuth;
			user: User | null;
			db: Db;
			preferences: Preferences;
			passwordReset: MailedPasswordReset | null;
			/** Registration without an account (null: by phone only, see README). */
			desk: SeniorDesk | null;
			/** Staff changed what the public lists show (a class published, moved, cancelled): reuse none. */
			publicPagesChanged: () => void;
			/** Years after a class's fiscal year before seniors' names and phones are erased. */
			retentionYears: number;
			/** Retention run now (the prefecture admin's button); null where the server cannot call as itself. */
			eraseExpiredNow: (() => Promise<Erased>) | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
