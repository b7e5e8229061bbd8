import { localAuth } from './auth/local.ts';
import type { AccountAdmin, AuthProvider } from './auth/port.ts';
import { supabaseAuth } from './auth/supabase.ts';
import { readConfig, type AppConfig } from './config.ts';
import { openBackend } from './db/open.ts';
import type { Backend } from './db/port.ts';
import { smtpMailer } from './mail.ts';
import { mailedPasswordReset, type MailedPasswordReset } from './password-reset.ts';
import { createPageCache, type PageCache } from './page-cache.ts';
import { deskFor, type SeniorDesk } from './registrations.ts';
import { eraseExpiredPersonalData, keepRetention, type Erased } from './retention.ts';
import { seedDemoData, seedReferenceData } from './seed/seed.ts';

export interface App {
	config: AppConfig;
	backend: Backend;
	auth: AuthProvider & AccountAdmin;
	/** Null without SMTP, or where auth keeps no reset links (Supabase: its own recovery mail). */
	passwordReset: MailedPasswordReset | null;
	/** Registration without an account; null where the server cannot call as itself. */
	desk: SeniorDesk | null;
	/** Anonymous list pages for up to a second; null when PAGE_CACHE_MS is 0. */
	pageCache: PageCache | null;
	/** Retention run now, with the configured period; null where the server cannot call as itself. */
	eraseExpiredNow: (() => Promise<Erased>) | null;
}

/**
 * Opens the configured backend with its auth. SQL backends get the reference data
 * (prefectures, municipalities) on every start; PGlite also demo data unless told not to.
 */
export async function startApp(env: Record<string, string | undefined>, log = console.log): Promise<App> {
	const config = readConfig(env);
	const backend = await openBackend(config.backend, log);
	const auth = config.backend.kind === 'supabase' ? supabaseAuth(config.backend) : localAuth(backend);
	if (config.backend.kind !== 'supabase') await seedReferenceData(backend);
	if (config.backend.kind === 'pglite' && config.seedDemoData) {
		const report = await seedDemoData(backend, auth);
		if (report.demo === 'added') log('Added demo data to the empty embedded database (see README for the demo accounts).');
	}
	// Supabase without its secret key cannot run it from here: schedule it there instead (README).
	const asItself = config.backend.kind !== 'supabase' || !!config.backend.secretKey;
	// Not awaited: at national scale the first run takes minutes, and the day's erasure may
	// finish after the server answers, as every later day's does.
	if (asItself) keepRetention(backend, config.retentionYears, log);
	const passwordReset =
		config.mail && auth.passwordReset ? mailedPasswordReset(auth.passwordReset, smtpMailer(config.mail), config.mail.origin) : null;
	const pageCache = config.pageCacheMs > 0 ? createPageCache({ ttlMs: config.pageCacheMs }) : null;
	const eraseExpiredNow = asItself ? () => eraseExpiredPersonalData(backend, config.retentionYears) : null;
	return { config, backend, auth, passwordReset, desk: deskFor(backend, () => pageCache?.clear()), pageCache, eraseExpiredNow };
}
