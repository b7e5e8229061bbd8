import { z } from 'zod';

const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUndefined, schema.optional());

const environment = z.object({
	DATA_DIR: optional(z.string()),
	DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://')),
	PUBLIC_SUPABASE_URL: optional(z.url()),
	PUBLIC_SUPABASE_PUBLISHABLE_KEY: optional(z.string()),
	PUBLIC_SUPABASE_ANON_KEY: optional(z.string()),
	SUPABASE_SECRET_KEY: optional(z.string()),
	SUPABASE_SERVICE_ROLE_KEY: optional(z.string()),
	SEED_DEMO_DATA: optional(z.enum(['auto', 'never']))
});

export type BackendConfig =
	| { kind: 'pglite'; dataDir: string | null }
	| { kind: 'postgres'; url: string }
	| { kind: 'supabase'; url: string; publishableKey: string; secretKey?: string };

export interface AppConfig {
	backend: BackendConfig;
	seedDemoData: boolean;
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
	return { backend, seedDemoData: e.SEED_DEMO_DATA !== 'never' };
}
