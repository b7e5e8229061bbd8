import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/port.ts';

export interface User {
	id: string;
	email: string;
}

export type AuthErrorCode = 'invalid_credentials' | 'rate_limited' | 'too_many_sign_ups' | 'weak_password';

export class AuthError extends Error {
	readonly code: AuthErrorCode;
	/** For `rate_limited`, when known: how long until the next attempt is accepted. */
	readonly retryAfterSeconds?: number;
	constructor(code: AuthErrorCode, retryAfterSeconds?: number) {
		super(code);
		this.name = 'AuthError';
		this.code = code;
		if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
	}
}

/** Authentication for one request, bound to its cookies. */
export interface RequestAuth {
	getUser(): Promise<User | null>;
	/**
	 * Registers an account to sign in to. Answers the same whether or not the address was
	 * taken (a taken one is left as it is), and never signs in: that would tell.
	 */
	signUp(email: string, password: string): Promise<void>;
	signIn(email: string, password: string): Promise<User>;
	signOut(): Promise<void>;
	/** Checks the current password (rate-limited like sign-in), sets the new one, ends other sessions. */
	changePassword(currentPassword: string, newPassword: string): Promise<void>;
	/** The database as this request's caller: anon, or the signed-in account. */
	db(user: User | null): Db;
}

/** What auth needs from a request; SvelteKit's RequestEvent has all of it. */
export interface AuthContext {
	cookies: Cookies;
	url: URL;
	getClientAddress(): string;
	setHeaders(headers: Record<string, string>): void;
}

export interface AuthProvider {
	forRequest(context: AuthContext): RequestAuth;
}

/** Creating accounts outside a request: the admin command and the seed. */
export interface AccountAdmin {
	/** Creates the account with this password, or returns null when it already exists. */
	createIfMissing(email: string, password: string): Promise<User | null>;
}
