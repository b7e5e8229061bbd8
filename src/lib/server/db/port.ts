/** Who a database call is made as: the PostgREST roles, with the account for `authenticated`. */
export type Caller =
	| { role: 'anon' }
	| { role: 'authenticated'; id: string; email: string; accessToken?: string }
	| { role: 'service_role' };

/** A database bound to one caller. Every call is one named SQL function returning jsonb. */
export interface Db {
	rpc<T = unknown>(fn: string, args?: Record<string, unknown>): Promise<T>;
}

export type BackendKind = 'pglite' | 'postgres' | 'supabase';

export interface Backend {
	readonly kind: BackendKind;
	as(caller: Caller): Db;
	close(): Promise<void>;
}

/** An error raised in SQL with a stable code (SQLSTATE P0001, message = code) for users to see. */
export class DomainError extends Error {
	readonly code: string;
	constructor(code: string) {
		super(code);
		this.name = 'DomainError';
		this.code = code;
	}
}

export const anon: Caller = { role: 'anon' };
export const serviceRole: Caller = { role: 'service_role' };
