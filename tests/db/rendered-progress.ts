import { render } from 'svelte/server';
import ProgressReport from '../../src/lib/components/ProgressReport.svelte';
import TownsProgress from '../../src/lib/components/TownsProgress.svelte';
import { metrics, type Progress } from '../../src/lib/domain/progress.ts';

// The numbers a dashboard shows, read back from the HTML it renders for SQL's result: each
// number is a data-value, so the test compares numbers, not formatting.

export interface ShownNumbers {
	metrics: Record<string, number>;
	months: Record<string, number[]>;
	towns: Record<string, { sessions_held: number; attendances: number; senior_participants: number }>;
}

const values = (html: string) => [...html.matchAll(/data-value="(\d+)"/g)].map((m) => Number(m[1]));

export function shownNumbers(progress: Progress): ShownNumbers {
	const report = render(ProgressReport, { props: { progress, shown: metrics, left: 0, howCounted: [], lang: 'ja', today: new Date(`${progress.fiscal_year + 1}-12-31T00:00:00Z`) } }).body;
	const towns = render(TownsProgress, { props: { towns: progress.towns ?? [], fiscalYear: progress.fiscal_year, lang: 'ja' } }).body;
	const shown: ShownNumbers = { metrics: {}, months: {}, towns: {} };
	for (const row of report.matchAll(/<tr data-metric="(\w+)"[^>]*>(.*?)<\/tr>/gs)) shown.metrics[row[1]!] = values(row[2]!)[0]!;
	for (const table of report.matchAll(/<table data-months="(\w+)"[^>]*>(.*?)<\/table>/gs)) shown.months[table[1]!] = values(table[2]!);
	for (const row of towns.matchAll(/<tr data-code="(\d+)"[^>]*>(.*?)<\/tr>/gs)) {
		const [sessions_held, attendances, senior_participants] = values(row[2]!);
		shown.towns[row[1]!] = { sessions_held: sessions_held!, attendances: attendances!, senior_participants: senior_participants! };
	}
	return shown;
}
