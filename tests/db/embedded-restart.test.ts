import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startApp } from '../../src/lib/server/app.ts';
import { anon, serviceRole } from '../../src/lib/server/db/port.ts';

describe('the embedded database in DATA_DIR', () => {
	it('keeps its data across restarts, migrating and seeding only the first time', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-restart-'));
		const firstLog: string[] = [];
		const first = await startApp({ DATA_DIR: dataDir }, (line) => firstLog.push(line));
		const sessions = await first.backend.as(serviceRole).rpc<{ sessions: number }>('dataset_summary');
		const upcoming = await first.backend.as(anon).rpc('find_sessions', { p_query: { page_size: 50 } });
		await first.backend.close();
		expect(firstLog.join('\n')).toMatch(/Applied \d+ migration\(s\)[\s\S]*Added demo data/);

		const secondLog: string[] = [];
		const second = await startApp({ DATA_DIR: dataDir }, (line) => secondLog.push(line));
		expect(secondLog).toEqual([]);
		expect(await second.backend.as(serviceRole).rpc('dataset_summary')).toEqual(sessions);
		expect(await second.backend.as(anon).rpc('find_sessions', { p_query: { page_size: 50 } })).toEqual(upcoming);
		await second.backend.close();
	});

	it('starts empty of demo data when told not to seed, with the municipalities all the same', async () => {
		const app = await startApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tsunagu-empty-')), SEED_DEMO_DATA: 'never' }, () => {});
		expect(await app.backend.as(serviceRole).rpc('dataset_summary')).toMatchObject({ sessions: 0, municipalities: 59, prefectures: ['07'] });
		await app.backend.close();
	});
});
