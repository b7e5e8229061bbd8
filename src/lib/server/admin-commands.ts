import { z } from 'zod';
import { emailField } from '../domain/account-forms.ts';
import { generatePassword } from './auth/password.ts';
import type { App } from './app.ts';
import { serviceRole } from './db/port.ts';
import { eraseExpiredPersonalData } from './retention.ts';
import { seedDemoData } from './seed/seed.ts';

const prefectureAdminArgs = z.object({ email: emailField, prefecture: z.string().regex(/^[0-9]{2}$/).default('07') });

/** Makes an account prefecture admin, creating it with a one-time password if it is new. */
export async function createPrefectureAdmin(app: App, args: Record<string, unknown>): Promise<string[]> {
	const parsed = prefectureAdminArgs.safeParse(args);
	if (!parsed.success) throw new Error('Usage: npm run admin -- create-prefecture-admin --email someone@example.jp [--prefecture 07]');
	const { email, prefecture } = parsed.data;
	const known = await app.backend.as(serviceRole).rpc<{ prefectures: string[] }>('dataset_summary');
	if (!known.prefectures.includes(prefecture)) {
		throw new Error(`Prefecture ${prefecture} is not in the database; run \`npm run seed\` (or import its municipalities) first.`);
	}
	const password = generatePassword();
	const created = await app.auth.createIfMissing(email, password);
	const result = await app.backend
		.as(serviceRole)
		.rpc<{ granted: boolean }>('bootstrap_prefecture_admin', { p_email: email, p_prefecture_code: prefecture });
	return [
		created ? `Created the account ${email}.` : `The account ${email} already exists; its password is unchanged.`,
		result.granted ? `It is now prefecture admin of ${prefecture}.` : `It was already prefecture admin of ${prefecture}.`,
		...(created ? [`One-time password (shown only now; keep it somewhere safe): ${password}`] : [])
	];
}

export async function seed(app: App): Promise<string[]> {
	const report = await seedDemoData(app.backend, app.auth);
	return [
		`Municipalities: ${report.municipalities} present.`,
		report.demo === 'added' ? 'Demo data added (demo accounts are listed in the README).' : 'The database already has sessions; demo data was not added.'
	];
}

/** Erases seniors' names and phone numbers past the retention period now (the server also does so daily). */
export async function retention(app: App): Promise<string[]> {
	const years = app.config.retentionYears;
	const erased = await eraseExpiredPersonalData(app.backend, years);
	const before = erased.kept_from.slice(0, 10);
	return [
		`Retention: ${years} year${years === 1 ? '' : 's'} after the fiscal year of a senior's last class; kept from ${before}.`,
		erased.participants > 0
			? `Erased the names, readings and phone numbers of ${erased.participants} participant${erased.participants === 1 ? '' : 's'}, and ${erased.notes} staff note${erased.notes === 1 ? '' : 's'}. Every count stays.`
			: 'Nothing to erase.'
	];
}
