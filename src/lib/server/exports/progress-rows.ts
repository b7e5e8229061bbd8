import { sharePercent } from '../../domain/progress.ts';
import type { Cell } from '../csv-file.ts';
import type { ProgressReport } from '../exports.ts';
import { formatFiscalYear, formatMonthIn } from '../../domain/wareki.ts';
import { ageLabels, metricLabels, monthlySeniorsLabel, peopleLabel, progressColumns, progressSections } from './columns.ts';

// Progress as one table in long form: a line per number, said by its section (区分), its
// breakdown (内訳: a month, a topic, an age band, a town) and its item (項目), with the
// target beside it where one is set. Excel filters and pivots such a table as it is, where
// a file of several differently shaped tables one under another it cannot.

type Metric = keyof typeof metricLabels;

// The same share the dashboards show.
const share = sharePercent;

/** The progress of a town or of a prefecture (`scope`: its code), in the order of progressColumns. */
export function progressRows(report: ProgressReport, scope: string): { header: readonly string[]; rows: Cell[][] } {
	const year = [report.fiscal_year, formatFiscalYear(report.fiscal_year), scope];
	const line = (section: string, code: string, name: string, month: string, item: string, value: number, target?: number | null): Cell[] => [
		...year, section, code, name, month, month ? formatMonthIn('ja', month) : '', item, value, target ?? null, share(value, target)
	];
	const rows: Cell[][] = [];
	// A prefecture counts the towns holding classes; a town does not (it is one, or none).
	const metrics = (Object.keys(metricLabels) as Metric[]).filter((m) => report.towns !== null || m !== 'municipalities_holding');
	for (const metric of metrics) rows.push(line(progressSections.year, '', '', '', metricLabels[metric], report.metrics[metric], report.targets[metric]));
	for (const m of report.months) {
		rows.push(line(progressSections.month, '', '', m.month, monthlySeniorsLabel, m.senior_participants));
		rows.push(line(progressSections.month, '', '', m.month, metricLabels.attendances, m.attendances));
		rows.push(line(progressSections.month, '', '', m.month, metricLabels.sessions_held, m.sessions_held));
	}
	for (const t of report.by_topic) {
		rows.push(line(progressSections.topic, t.topic_id, t.name_ja, '', metricLabels.sessions_held, t.sessions_held));
		rows.push(line(progressSections.topic, t.topic_id, t.name_ja, '', metricLabels.attendances, t.attendances));
	}
	for (const a of report.by_age) rows.push(line(progressSections.age, a.age_band, ageLabels[a.age_band], '', peopleLabel, a.people));
	for (const town of report.towns ?? []) {
		rows.push(line(progressSections.town, town.code, town.name, '', metricLabels.senior_participants, town.senior_participants, town.target));
		rows.push(line(progressSections.town, town.code, town.name, '', metricLabels.attendances, town.attendances));
		rows.push(line(progressSections.town, town.code, town.name, '', metricLabels.sessions_held, town.sessions_held));
	}
	return { header: progressColumns, rows };
}
