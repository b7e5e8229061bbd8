import { z } from 'zod';

const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUndefined, schema.optional());

/** A whole number from min to max, with one message for every way of missing it. */
const wholeNumber = (min: number, max: number, unit: string) => {
	const message = `must be a whole number of ${unit}, ${min} to ${max}`;
	return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

const environment = z.object({
	DATA_DIR: optional(z.string()),
	DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://')),
	PUBLIC_SUPABASE_URL: optional(z.url()),
	PUBLIC_SUPABASE_PUBLISHABLE_KEY: optional(z.string()),
	PUBLIC_SUPABASE_ANON_KEY: optional(z.string()),
	SUPABASE_SECRET_KEY: optional(z.string()),
	SUPABASE_SERVICE_ROLE_KEY: optional(z.string()),
	SEED_DEMO_DATA: optional(z.enum(['auto', 'never'])),
	// Years after the end of a class's fiscal year before seniors' names and phones are erased.
	RETENTION_YEARS: optional(wholeNumber(1, 10, 'years')),
	// How long an anonymous visitor's list page may be reused, in milliseconds; 0 turns it off.
	// At most a second: no seat that is gone may be shown as free for longer (page-cache.ts).
	PAGE_CACHE_MS: optional(wholeNumber(0, 1000, 'milliseconds')),
	SMTP_URL: optional(z.string().regex(/^smtps?:\/\/[^/]/, 'must look like smtp://user:password@mail.example.jp:587 or smtps://…')),
	MAIL_FROM: optional(z.string().max(200)),
	ORIGIN: optional(z.url({ protocol: /^https?$/, error: 'must be the site’s public address, like https://tsunagu.town.example' }))
});

export type BackendConfig =
	| { kind: 'pglite'; dataDir: string | null }
	| { kind: 'postgres'; url: string }
	| { kind: 'supabase'; url: string; publishableKey: string; secretKey?: string };

/** Outgoing mail, for password-reset links. */
export interface MailConfig {
	smtpUrl: string;
	from: string;
	/** Links in mails point here, never to the Host a request named (anyone can name one). */
	origin: string;
}

export interface AppConfig {
	backend: BackendConfig;
	seedDemoData: boolean;
	mail: MailConfig | null;
	retentionYears: number;
	pageCacheMs: number;
}

function mailConfig(e: { SMTP_URL?: string; MAIL_FROM?: string; ORIGIN?: string }): MailConfig | null {
	if (!e.SMTP_URL) return null;
	const missing = [!e.MAIL_FROM && 'MAIL_FROM (the sender, e.g. "つなぐ <tsunagu@town.example.jp>")', !e.ORIGIN && 'ORIGIN (the address links in mails point to, e.g. https://tsunagu.town.example.jp)'].filter(Boolean);
	if (missing.length) throw new Error(`Configuration is invalid:\n  SMTP_URL is set, so these are needed too: ${missing.join('; ')}`);
	return { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM!, origin: new URL(e.ORIGIN!).origin };
}

/** Supabase when its URL and key are set, else PostgreSQL when DATABASE_URL is, else PGlite. */
export function readConfig(env: Record<string, string | undefined>): AppConfig {
	const parsed = environment.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
		throw new Error(`Configuration is invalid:\n  ${problems.join('\n  ')}`);
	}
	const e = parsed.data;
	const publishableKey = e.PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? e.PUBLIC_SUPABASE_ANON_KEY;
	const backend: BackendConfig =
		e.PUBLIC_SUPABASE_URL && publishableKey
			? {
					kind: 'supabase',
					url: e.PUBLIC_SUPABASE_URL,
					publishableKey,
					secretKey: e.SUPABASE_SECRET_KEY ?? e.SUPABASE_SERVICE_ROLE_KEY
				}
			: e.DATABASE_URL
				? { kind: 'postgres', url: e.DATABASE_URL }
				: { kind: 'pglite', dataDir: e.DATA_DIR ?? '.data' };
	return { backend, seedDemoData: e.SEED_DEMO_DATA !== 'never', mail: mailConfig(e), retentionYears: e.RETENTION_YEARS ?? 1, pageCacheMs: e.PAGE_CACHE_MS ?? 1000 };
}
