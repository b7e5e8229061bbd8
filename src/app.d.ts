import type { RequestAuth, User } from '$lib/server/auth/port.ts';
import type { Db } from '$lib/server/db/port.ts';
import type { Preferences } from '$lib/domain/preferences.ts';

declare global {
	namespace App {
		interface Locals {
			auth: RequestAuth;
			user: User | null;
			db: Db;
			preferences: Preferences;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
