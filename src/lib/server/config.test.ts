import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('choosing the backend from the environment', () => {
	it('uses the embedded database in .data by default', () => {
		expect(readConfig({}).backend).toEqual({ kind: 'pglite', dataDir: '.data' });
		expect(readConfig({ DATA_DIR: '/srv/tsunagu', DATABASE_URL: '' }).backend).toEqual({ kind: 'pglite', dataDir: '/srv/tsunagu' });
	});

	it('uses PostgreSQL when DATABASE_URL is set', () => {
		expect(readConfig({ DATABASE_URL: 'postgres://u@db/tsunagu' }).backend).toEqual({ kind: 'postgres', url: 'postgres://u@db/tsunagu' });
	});

	it('prefers Supabase when its URL and a key are set, accepting a legacy anon key', () => {
		const env = { DATABASE_URL: 'postgres://u@db/x', PUBLIC_SUPABASE_URL: 'https://p.supabase.co', PUBLIC_SUPABASE_ANON_KEY: 'anon' };
		expect(readConfig(env).backend).toEqual({ kind: 'supabase', url: 'https://p.supabase.co', publishableKey: 'anon', secretKey: undefined });
		expect(readConfig({ PUBLIC_SUPABASE_URL: 'https://p.supabase.co' }).backend.kind).toBe('pglite');
	});

	it('says which setting is wrong', () => {
		expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres:\/\//);
		expect(() => readConfig({ SEED_DEMO_DATA: 'yes' })).toThrow(/SEED_DEMO_DATA/);
	});
});

describe('outgoing mail', () => {
	it('is off unless SMTP_URL is set', () => {
		expect(readConfig({}).mail).toBeNull();
		expect(readConfig({ MAIL_FROM: 'x@town.example.jp', ORIGIN: 'https://tsunagu.town.example.jp' }).mail).toBeNull();
	});

	it('needs the sender and the site’s own address, so links never point where a request said', () => {
		const env = { SMTP_URL: 'smtp://mail.town.example.jp:587', MAIL_FROM: 'つなぐ <tsunagu@town.example.jp>', ORIGIN: 'https://tsunagu.town.example.jp/' };
		expect(readConfig(env).mail).toEqual({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, origin: 'https://tsunagu.town.example.jp' });
		expect(() => readConfig({ ...env, ORIGIN: undefined })).toThrow(/ORIGIN \(the address links in mails point to/);
		expect(() => readConfig({ ...env, MAIL_FROM: '' })).toThrow(/MAIL_FROM/);
		expect(() => readConfig({ ...env, SMTP_URL: 'mail.town.example.jp' })).toThrow(/SMTP_URL: must look like smtp:\/\//);
		expect(() => readConfig({ ...env, ORIGIN: 'javascript:alert(1)' })).toThrow(/ORIGIN: must be the site’s public address/);
	});

	it('keeps seniors’ personal data one year after the fiscal year by default, up to ten when set', () => {
		expect(readConfig({}).retentionYears).toBe(1);
		expect(readConfig({ RETENTION_YEARS: '3' }).retentionYears).toBe(3);
		for (const bad of ['0', '11', '1.5', 'forever']) expect(() => readConfig({ RETENTION_YEARS: bad }), bad).toThrow(/RETENTION_YEARS/);
	});

	it('reuses public pages for a second by default, or less, or not at all; never longer', () => {
		expect(readConfig({}).pageCacheMs).toBe(1000);
		expect(readConfig({ PAGE_CACHE_MS: '250' }).pageCacheMs).toBe(250);
		expect(readConfig({ PAGE_CACHE_MS: '0' }).pageCacheMs).toBe(0);
		for (const bad of ['1001', '60000', '-1', '0.5', 'always']) {
			expect(() => readConfig({ PAGE_CACHE_MS: bad }), bad).toThrow(/PAGE_CACHE_MS: must be a whole number of milliseconds, 0 to 1000/);
		}
	});
});
