import { createServerClient } from '@supabase/ssr';
import { createClient, type AuthError as SupabaseAuthError, type SupabaseClient } from '@supabase/supabase-js';
import { supabaseAdminClient, supabaseDb, type SupabaseSettings } from '../db/supabase.ts';
import { normalizePassword } from './password.ts';
import { isSecure } from './secure-cookies.ts';
import { AuthError, type AccountAdmin, type AuthProvider, type RequestAuth, type User } from './port.ts';

function toAuthError(error: SupabaseAuthError): Error {
	switch (error.code) {
		case 'invalid_credentials':
			return new AuthError('invalid_credentials');
		case 'weak_password':
			return new AuthError('weak_password');
		case 'over_request_rate_limit':
			return new AuthError('rate_limited');
		default:
			return error.status === 429 ? new AuthError('rate_limited') : error;
	}
}

/**
 * Signs in with the NFKC form of the password; an account whose password was set before
 * normalization, exactly as typed then, gets it set again in the normalized form.
 */
async function signInNormalized(client: SupabaseClient, email: string, password: string) {
	const normalized = normalizePassword(password);
	const first = await client.auth.signInWithPassword({ email, password: normalized });
	if (!first.error || normalized === password || first.error.code !== 'invalid_credentials') return first;
	const legacy = await client.auth.signInWithPassword({ email, password });
	if (!legacy.error) await client.auth.updateUser({ password: normalized });
	return legacy;
}

/** Supabase Auth via @supabase/ssr; identity from getClaims(), which verifies the JWT. */
export function supabaseAuth(settings: SupabaseSettings): AuthProvider & AccountAdmin {
	return {
		forRequest({ cookies, url, setHeaders }): RequestAuth {
			const client = createServerClient(settings.url, settings.publishableKey, {
				cookies: {
					getAll: () => cookies.getAll(),
					setAll(list, headers) {
						for (const { name, value, options } of list) cookies.set(name, value, { ...options, path: '/', secure: isSecure(url) });
						setHeaders(headers);
					}
				}
			});
			let current: Promise<User | null> | undefined;
			return {
				getUser() {
					current ??= client.auth.getClaims().then(({ data }) => {
						const claims = data?.claims;
						return claims?.sub && claims.email ? { id: claims.sub, email: claims.email } : null;
					});
					return current;
				},
				async signUp(email, password) {
					// A client without a session: where the project confirms no e-mail, Supabase
					// signs a new account in, and a cookie only for new accounts would tell.
					const detached = createClient(settings.url, settings.publishableKey, {
						auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
					});
					const { error } = await detached.auth.signUp({ email, password: normalizePassword(password) });
					if (!error || error.code === 'user_already_exists' || error.code === 'email_exists') return;
					const refusal = toAuthError(error);
					throw refusal instanceof AuthError && refusal.code === 'rate_limited' ? new AuthError('too_many_sign_ups') : refusal;
				},
				async signIn(email, password) {
					const { data, error } = await signInNormalized(client, email, password);
					if (error) throw toAuthError(error);
					return { id: data.user.id, email };
				},
				async changePassword(currentPassword, newPassword) {
					const me = await this.getUser();
					if (!me || currentPassword === null) throw new AuthError('invalid_credentials');
					const check = await signInNormalized(client, me.email, currentPassword);
					if (check.error) throw toAuthError(check.error);
					const { error } = await client.auth.updateUser({ password: normalizePassword(newPassword) });
					if (error) throw toAuthError(error);
					await client.auth.signOut({ scope: 'others' });
				},
				// Supabase keeps no one-time passwords; its dashboard and its own recovery mail do this job.
				async issueOneTimePassword() {
					throw new AuthError('not_available');
				},
				async signOut() {
					await client.auth.signOut();
					current = Promise.resolve(null);
				},
				// The SSR client sends the session's JWT, so PostgREST sets role and claims.
				db: () => supabaseDb(client)
			};
		},
		passwordReset: null,
		async createIfMissing(email, password) {
			const { data, error } = await supabaseAdminClient(settings).auth.admin.createUser({
				email,
				password,
				email_confirm: true
			});
			if (error?.code === 'email_exists') return null;
			if (error) throw error;
			return { id: data.user.id, email };
		}
	};
}
