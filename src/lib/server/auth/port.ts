import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/port.ts';

export interface User {
	id: string;
	email: string;
	/** Signed in with a one-time password: must choose a password before anything else. */
	mustChangePassword?: true;
}

export type AuthErrorCode =
	| 'invalid_credentials'
	| 'rate_limited'
	| 'too_many_sign_ups'
	| 'weak_password'
	| 'one_time_password_expired'
	| 'same_password'
	| 'not_available';

/** Shown once to the staff member who asked for it; only its hash is kept. */
export interface OneTimePassword {
	email: string;
	password: string;
	expiresAt: string;
}

/** Where a password-reset link stands. */
export type PasswordResetState = { state: 'usable'; email: string } | { state: 'used' | 'expired' | 'unknown' };

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
	/**
	 * Checks the current password (rate-limited like sign-in), sets the new one, ends other
	 * sessions. `null` for the current password only right after a one-time password.
	 */
	changePassword(currentPassword: string | null, newPassword: string): Promise<void>;
	/** A one-time password for the account holding this role grant, if the signed-in account may. */
	issueOneTimePassword(grantId: string): Promise<OneTimePassword>;
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
	/** Resetting a password by an e-mailed link, where this provider does it. */
	readonly passwordReset: PasswordReset | null;
}

/** Single-use links to set a new password; the caller sends them. */
export interface PasswordReset {
	/**
	 * A token for the account with this address, or null when none should be sent. Refuses
	 * (`too_many_resets`) a requester address that asked ten times in the last hour.
	 */
	createLink(email: string, requesterAddress: string): Promise<{ email: string; token: string } | null>;
	state(token: string): Promise<PasswordResetState>;
	/** Sets the password and uses the link up; refuses a used, expired or unknown link. */
	reset(token: string, newPassword: string): Promise<User>;
}

/** Creating accounts outside a request: the admin command and the seed. */
export interface AccountAdmin {
	/** Creates the account with this password, or returns null when it already exists. */
	createIfMissing(email: string, password: string): Promise<User | null>;
}
