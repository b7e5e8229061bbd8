import { DomainError, type Backend, type BackendKind, type Caller, type Db } from './port.ts';
import type { SqlDriver, SqlTx } from './sql-driver.ts';

const identifier = /^[a-z_][a-z0-9_]*$/;
const callable = /^(?:(public|local_auth)\.)?([a-z_][a-z0-9_]*)$/;

/** The JWT claims PostgREST would set for this caller. */
export function claimsOf(caller: Caller): Record<string, string> {
	if (caller.role === 'authenticated') {
		return { sub: caller.id, email: caller.email, role: 'authenticated', aud: 'authenticated' };
	}
	return { role: caller.role };
}

/** `select public.fn(a => $1, b => $2)`; names are checked, values always bound. */
export function callStatement(fn: string, args: Record<string, unknown>) {
	const match = callable.exec(fn);
	if (!match) throw new Error(`Not a callable function name: ${fn}`);
	const entries = Object.entries(args).filter(([, value]) => value !== undefined);
	for (const [name] of entries) {
		if (!identifier.test(name)) throw new Error(`Not an argument name: ${name}`);
	}
	const list = entries.map(([name], i) => `${name} => $${i + 1}`).join(', ');
	const params = entries.map(([, value]) => toParam(value));
	return { sql: `select ${match[1] ?? 'public'}.${match[2]}(${list}) as result`, params };
}

function toParam(value: unknown): unknown {
	if (value === null || value instanceof Date) return value;
	if (typeof value === 'object') return JSON.stringify(value);
	return value;
}

/**
 * PostgreSQL errors that carry a domain code become DomainError, and so does a refusal by
 * privileges or RLS (42501: the caller may not do this), and text PostgreSQL cannot hold (a
 * NUL byte: 22021, 22P05) that slipped past a form's checks; the rest stay as they are.
 */
export function toDomainError(error: unknown): unknown {
	const e = error as { code?: string; message?: string };
	if (e?.code === 'P0001' && e.message && /^[a-z_]+$/.test(e.message)) return new DomainError(e.message);
	if (e?.code === '42501') return new DomainError('not_allowed');
	if (e?.code === '22021' || e?.code === '22P05') return new DomainError('invalid_request');
	return error;
}

/** Switches the transaction to the caller's role and claims, as PostgREST does. */
export async function actAs(tx: SqlTx, caller: Caller): Promise<void> {
	await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
		caller.role,
		JSON.stringify(claimsOf(caller))
	]);
}

/** One call = one transaction with the role and claims set as PostgREST sets them. */
export function sqlBackend(kind: BackendKind, driver: SqlDriver): Backend {
	return {
		kind,
		as(caller: Caller): Db {
			return {
				async rpc<T>(fn: string, args: Record<string, unknown> = {}) {
					const call = callStatement(fn, args);
					try {
						return await driver.transaction(async (tx) => {
							await actAs(tx, caller);
							const rows = await tx.query<{ result: T }>(call.sql, call.params);
							return rows[0]!.result;
						});
					} catch (error) {
						throw toDomainError(error);
					}
				}
			};
		},
		close: () => driver.close()
	};
}
