import { createHash, randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { DomainError, serviceRole, type Backend } from '../db/port.ts';
import { issueOneTimePassword } from '../roles.ts';
import { asOneTimePassword, burnVerification, checkPassword, generateOneTimePassword, hashPassword } from './password.ts';
import { isSecure } from './secure-cookies.ts';
import { throttleKey } from './throttle-key.ts';
import { AuthError, type AccountAdmin, type AuthProvider, type PasswordResetState, type RequestAuth, type User } from './port.ts';

export const sessionCookie = 'tsunagu_session';
const sessionDays = 7;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type Account = { id?: string; email?: string; password_hash?: string; must_change?: boolean; expired?: boolean };
type SessionUser = { id: string; email: string; must_change_password: boolean };

const asUser = (account: { id: string; email: string }, mustChange = false): User =>
	mustChange ? { id: account.id, email: account.email, mustChangePassword: true } : { id: account.id, email: account.email };

/** Built-in accounts for the SQL backends; the tables live in local_auth (supabase/compat). */
export function localAuth(backend: Backend): AuthProvider & AccountAdmin {
	const service = backend.as(serviceRole);

	async function startSession(cookies: Cookies, secure: boolean, user: User) {
		const token = randomBytes(32).toString('base64url');
		const expires = new Date(Date.now() + sessionDays * 86_400_000);
		await service.rpc('local_auth.start_session', {
			p_user_id: user.id,
			p_token_hash: sha256(token),
			p_expires_at: expires.toISOString()
		});
		cookies.set(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
	}

	/**
	 * The account for these credentials, throttled per account and address and per address
	 * (compat/20). The attempt is claimed, and counted, before the password is verified.
	 */
	async function checkCredentials(email: string, password: string, address: string): Promise<User> {
		const claim = await service.rpc<{ allowed: boolean; attempt_id?: number; retry_after?: number }>(
			'local_auth.claim_sign_in_attempt',
			{ p_email: email, p_ip: address }
		);
		if (!claim.allowed) throw new AuthError('rate_limited', claim.retry_after);
		const account = await service.rpc<Account>('local_auth.credentials_for', { p_email: email });
		const result = account.password_hash ? await checkPassword(account.password_hash, password) : await burnVerification(password);
		const after = await service.rpc<{ retry_after: number }>('local_auth.finish_sign_in_attempt', {
			p_attempt_id: claim.attempt_id,
			p_succeeded: result !== 'no'
		});
		if (result === 'no') throw after.retry_after > 0 ? new AuthError('rate_limited', after.retry_after) : new AuthError('invalid_credentials');
		// Said only to whoever typed it right: the staff member can issue another.
		if (account.expired) throw new AuthError('one_time_password_expired');
		if (result === 'legacy') {
			await service.rpc('local_auth.rehash_password', { p_user_id: account.id, p_password_hash: await hashPassword(password) });
		}
		return asUser({ id: account.id!, email: account.email! }, account.must_change);
	}

	/**
	 * A one-time password may not become the password, however it is typed: whoever gave
	 * it would know it. (Nor through a reset link, which the same person may open.)
	 */
	async function refuseOneTimePasswordAgain(email: string, newPassword: string) {
		const account = await service.rpc<Account>('local_auth.credentials_for', { p_email: email });
		if (!account.password_hash || !account.must_change) return;
		for (const typed of new Set([newPassword, asOneTimePassword(newPassword) ?? newPassword])) {
			if ((await checkPassword(account.password_hash, typed)) !== 'no') throw new AuthError('same_password');
		}
	}

	return {
		forRequest({ cookies, url, getClientAddress }): RequestAuth {
			const clientAddress = throttleKey(getClientAddress());
			const secure = isSecure(url);
			let current: Promise<User | null> | undefined;
			return {
				getUser() {
					const token = cookies.get(sessionCookie);
					current ??= token
						? service
								.rpc<SessionUser | null>('local_auth.session_user', { p_token_hash: sha256(token) })
								.then((found) => found && asUser(found, found.must_change_password))
						: Promise.resolve(null);
					return current;
				},
				async signUp(email, password) {
					// Checked before hashing too, so a flood costs no hashing.
					const lock = await service.rpc<{ locked: boolean }>('local_auth.sign_up_lock', { p_ip: clientAddress });
					if (lock.locked) throw new AuthError('too_many_sign_ups');
					try {
						// Hashed whether or not the address is taken, so both take as long.
						await service.rpc('local_auth.sign_up', {
							p_email: email,
							p_password_hash: await hashPassword(password),
							p_ip: clientAddress
						});
					} catch (error) {
						if (error instanceof DomainError && error.code === 'too_many_sign_ups') throw new AuthError(error.code);
						throw error;
					}
				},
				async signIn(email, password) {
					const user = await checkCredentials(email, password, clientAddress);
					await startSession(cookies, secure, user);
					return user;
				},
				async changePassword(currentPassword, newPassword) {
					const me = await this.getUser();
					if (!me || (currentPassword === null && !me.mustChangePassword)) throw new AuthError('invalid_credentials');
					if (currentPassword !== null) await checkCredentials(me.email, currentPassword, clientAddress);
					await refuseOneTimePasswordAgain(me.email, newPassword);
					// set_password ends every session of the account; this browser gets a new one.
					await service.rpc('local_auth.set_password', { p_email: me.email, p_password_hash: await hashPassword(newPassword) });
					const changed = asUser(me);
					await startSession(cookies, secure, changed);
					current = Promise.resolve(changed);
				},
				async issueOneTimePassword(grantId) {
					const password = generateOneTimePassword();
					const issued = await issueOneTimePassword(this.db(await this.getUser()), grantId, await hashPassword(password));
					return { email: issued.email, password, expiresAt: issued.expires_at };
				},
				async signOut() {
					const token = cookies.get(sessionCookie);
					if (token) await service.rpc('local_auth.end_session', { p_token_hash: sha256(token) });
					// Secure only over https, as when it was set: an http browser ignores a Secure removal.
					cookies.delete(sessionCookie, { path: '/', secure });
					current = Promise.resolve(null);
				},
				db: (user) => backend.as(user ? { role: 'authenticated', id: user.id, email: user.email } : { role: 'anon' })
			};
		},
		passwordReset: {
			async createLink(email, requesterAddress) {
				const token = randomBytes(32).toString('base64url');
				const link = await service.rpc<{ email?: string }>('local_auth.request_password_reset', {
					p_email: email,
					p_token_hash: sha256(token),
					p_ip: throttleKey(requesterAddress)
				});
				return link.email ? { email: link.email, token } : null;
			},
			state: (token) => service.rpc<PasswordResetState>('local_auth.password_reset_state', { p_token_hash: sha256(token) }),
			async reset(token, newPassword) {
				// Looked at first, so that a made-up or spent link costs no password hashing.
				const link = await this.state(token);
				if (link.state !== 'usable') throw new DomainError(`reset_link_${link.state}`);
				await refuseOneTimePasswordAgain(link.email, newPassword);
				return service.rpc<User>('local_auth.reset_password', { p_token_hash: sha256(token), p_password_hash: await hashPassword(newPassword) });
			}
		},
		async createIfMissing(email, password) {
			const existing = await service.rpc<{ id?: string }>('local_auth.credentials_for', { p_email: email });
			if (existing.id) return null;
			return service.rpc<User>('local_auth.set_password', { p_email: email, p_password_hash: await hashPassword(password) });
		}
	};
}
