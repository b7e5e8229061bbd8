import { fiscalYearOf } from './wareki.ts';

// What `public.progress` returns (20261201001500), and what the dashboards make of it: the
// share of each target reached and the pace the months left need. Counting is SQL's; this
// only divides.

export const metrics = ['senior_participants', 'attendances', 'sessions_held', 'municipalities_holding', 'active_supporters'] as const;
export type Metric = (typeof metrics)[number];
/** A town sets no target for how many towns hold a class. */
export const townMetrics = metrics.filter((m) => m !== 'municipalities_holding');
/** The metrics counted month by month, and so charted. */
export const chartedMetrics = ['senior_participants', 'attendances', 'sessions_held'] as const;
export type ChartedMetric = (typeof chartedMetrics)[number];
export const ageBands = ['65_74', '75_84', '85_plus', 'under_65'] as const;

export interface Progress {
	fiscal_year: number;
	metrics: Record<Metric, number>;
	targets: Partial<Record<Metric, number>>;
	months: ({ month: string } & Record<ChartedMetric, number>)[];
	by_topic: { topic_id: string; name_ja: string; name_en: string; sessions_held: number; attendances: number }[];
	by_age: { age_band: (typeof ageBands)[number]; people: number }[];
	towns: { code: string; name: string; sessions_held: number; attendances: number; senior_participants: number; target: number | null }[] | null;
	without_sessions: { code: string; name: string }[] | null;
}

/** Months of the fiscal year still to come on `today`, this one included: 12 before April, 0 after March. */
export function monthsLeft(fiscalYear: number, today: Date): number {
	const current = fiscalYearOf(today);
	if (current < fiscalYear) return 12;
	if (current > fiscalYear) return 0;
	const month = Number(new Intl.DateTimeFormat('en-US', { month: 'numeric', timeZone: 'Asia/Tokyo' }).format(today));
	// April is the first month: 12 left in April, 1 in March.
	return 12 - ((month + 8) % 12);
}

/** Per cent of a target reached, to one decimal, rounded down (100 only once reached); null without a target. */
export const sharePercent = (achieved: number, target: number | null | undefined): number | null =>
	target ? Math.floor((achieved * 1000) / target) / 10 : null;

export interface MetricRow {
	metric: Metric;
	achieved: number;
	target: number | null;
	/** Per cent of the target reached (one decimal), or null without a target (or a target of 0). */
	share: number | null;
	/** What each month left must add to reach the target: null without one, 0 when reached. */
	pace: number | null;
}

/** One row per metric, in the order the dashboards show them. */
export function metricRows(progress: Progress, shown: readonly Metric[], left: number): MetricRow[] {
	return shown.map((metric) => {
		const achieved = progress.metrics[metric];
		const target = progress.targets[metric] ?? null;
		const share = sharePercent(achieved, target);
		const missing = target === null ? null : Math.max(0, target - achieved);
		const pace = missing === null ? null : missing === 0 ? 0 : left > 0 ? Math.ceil(missing / left) : null;
		return { metric, achieved, target, share, pace };
	});
}

/** The month (YYYY-MM) of a moment, in Japan. */
export const monthIn = (at: Date) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone: 'Asia/Tokyo' }).format(at).slice(0, 7);

/** The running total of a metric, month by month; null for months still to come on `today`. */
export function cumulative(progress: Progress, metric: ChartedMetric, today: Date): { month: string; inMonth: number | null; total: number | null }[] {
	const now = monthIn(today);
	let total = 0;
	return progress.months.map((m) => {
		if (m.month > now) return { month: m.month, inMonth: null, total: null };
		total += m[metric];
		return { month: m.month, inMonth: m[metric], total };
	});
}

/** The fiscal years a dashboard offers: next year (for its targets), this one and the five before it, newest first. */
export function selectableYears(today: Date): number[] {
	const current = fiscalYearOf(today);
	return Array.from({ length: 7 }, (_, i) => current + 1 - i);
}

/** Years whose targets may still be set (set_target's window): five back to next year. */
export function targetsOpen(fiscalYear: number, today: Date): boolean {
	const current = fiscalYearOf(today);
	return fiscalYear >= current - 5 && fiscalYear <= current + 1;
}
