import { resolve } from 'node:path';
import type { AccountAdmin } from '../auth/port.ts';
import { serviceRole, type Backend } from '../db/port.ts';
import { demoAccounts, demoPassword, type DemoAccount } from './demo-accounts.ts';
import { buildDemoDataset } from './demo-dataset.ts';
import { fukushima, readMunicipalities } from './municipalities.ts';

export interface SeedReport {
	municipalities: number;
	demo: 'added' | 'skipped';
}

/** Fukushima's prefecture and municipalities; safe to repeat. */
export async function seedReferenceData(backend: Backend, projectDir = resolve('.')) {
	const municipalities = readMunicipalities(resolve(projectDir, 'data/fukushima-municipalities.csv'), fukushima.code);
	await backend.as(serviceRole).rpc('import_dataset', { p_data: { prefectures: [fukushima], municipalities } });
	return municipalities.length;
}

/**
 * Reference data, then demo accounts and the demo year when the database has no sessions
 * yet. A database with sessions of its own is never given demo data.
 */
export async function seedDemoData(backend: Backend, accounts: AccountAdmin, today = new Date()): Promise<SeedReport> {
	const service = backend.as(serviceRole);
	const municipalities = await seedReferenceData(backend);
	const summary = await service.rpc<{ sessions: number }>('dataset_summary');
	if (summary.sessions > 0) return { municipalities, demo: 'skipped' };

	const ids = {} as Record<DemoAccount, string>;
	for (const [key, email] of Object.entries(demoAccounts) as [DemoAccount, string][]) {
		const created = await accounts.createIfMissing(email, demoPassword);
		ids[key] = created?.id ?? (await service.rpc<{ user_id: string }>('account_id_by_email', { p_email: email })).user_id;
	}
	await service.rpc('import_dataset', { p_data: buildDemoDataset(today, ids) });
	return { municipalities, demo: 'added' };
}
