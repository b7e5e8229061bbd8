import { describe, expect, it } from 'vitest';
import { callStatement, claimsOf, toDomainError } from './sql-backend.ts';
import { DomainError } from './port.ts';

describe('the SQL call convention', () => {
	it('names arguments and binds every value', () => {
		expect(callStatement('grant_role', { p_email: "x'); drop table x; --", p_role: 'municipality_staff', p_skip: undefined })).toEqual({
			sql: 'select public.grant_role(p_email => $1, p_role => $2) as result',
			params: ["x'); drop table x; --", 'municipality_staff']
		});
		expect(callStatement('local_auth.sign_up', { p_data: { a: 1 } })).toEqual({
			sql: 'select local_auth.sign_up(p_data => $1) as result',
			params: ['{"a":1}']
		});
	});

	it('refuses anything but a plain function or argument name', () => {
		expect(() => callStatement('pg_catalog.pg_sleep', {})).toThrow(/Not a callable/);
		expect(() => callStatement('x; drop table y', {})).toThrow(/Not a callable/);
		expect(() => callStatement('health_check', { 'a => 1, b': 1 })).toThrow(/Not an argument/);
	});

	it('sets the claims PostgREST would set', () => {
		expect(claimsOf({ role: 'anon' })).toEqual({ role: 'anon' });
		expect(claimsOf({ role: 'authenticated', id: 'u1', email: 'a@b.jp' })).toEqual({ sub: 'u1', email: 'a@b.jp', role: 'authenticated', aud: 'authenticated' });
	});

	it('turns a coded raise into a DomainError and leaves other errors alone', () => {
		expect(toDomainError({ code: 'P0001', message: 'session_full' })).toEqual(new DomainError('session_full'));
		const other = { code: '23505', message: 'duplicate key value violates unique constraint' };
		expect(toDomainError(other)).toBe(other);
		const prose = { code: 'P0001', message: 'Something with spaces' };
		expect(toDomainError(prose)).toBe(prose);
		expect(toDomainError({ code: '42501', message: 'permission denied for function grant_role' })).toEqual(new DomainError('not_allowed'));
	});
});
