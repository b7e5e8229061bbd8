import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { DomainError, type Backend, type Caller, type Db } from './port.ts';

export interface SupabaseSettings {
	url: string;
	publishableKey: string;
	/** Secret (service_role) key: for the admin command, the seed and tests only. */
	secretKey?: string;
}

const noSession = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };

/** rpc() through PostgREST, which sets role and claims from the JWT itself. */
export function supabaseDb(client: SupabaseClient): Db {
	return {
		async rpc<T>(fn: string, args: Record<string, unknown> = {}) {
			const { data, error } = await client.rpc(fn, args);
			if (error) {
				if (error.code === 'P0001' && /^[a-z_]+$/.test(error.message)) throw new DomainError(error.message);
				if (error.code === '42501') throw new DomainError('not_allowed');
				if (error.code === '22021' || error.code === '22P05') throw new DomainError('invalid_request');
				throw new Error(`${fn}: ${error.code} ${error.message}`);
			}
			return data as T;
		}
	};
}

export function supabaseBackend(settings: SupabaseSettings): Backend {
	const clientFor = (key: string, accessToken?: string) =>
		createClient(settings.url, key, {
			...noSession,
			global: accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : {}
		});
	return {
		kind: 'supabase',
		as(caller: Caller): Db {
			if (caller.role === 'service_role') {
				if (!settings.secretKey) throw new Error('SUPABASE_SECRET_KEY is needed for this command.');
				return supabaseDb(clientFor(settings.secretKey));
			}
			if (caller.role === 'authenticated' && !caller.accessToken) {
				throw new Error('A Supabase call as a signed-in user needs their access token.');
			}
			return supabaseDb(clientFor(settings.publishableKey, caller.role === 'authenticated' ? caller.accessToken : undefined));
		},
		close: async () => {}
	};
}

/** A service-role client for Supabase Auth's admin API (creating accounts from the command line). */
export function supabaseAdminClient(settings: SupabaseSettings): SupabaseClient {
	if (!settings.secretKey) throw new Error('SUPABASE_SECRET_KEY is needed for this command.');
	return createClient(settings.url, settings.secretKey, noSession);
}
