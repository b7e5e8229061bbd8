import { z } from 'zod';
import { metrics, type Metric } from './progress.ts';

// The targets form and the year a dashboard shows. Codes, not sentences.

/** The fiscal year asked for (`?fy=2026`), or the current one; null for anything but a year. */
export function fiscalYearAsked(url: URL, current: number): number | null {
	const asked = url.searchParams.get('fy');
	if (asked === null || asked === '') return current;
	return /^\d{4}$/.test(asked) && Number(asked) >= 2000 && Number(asked) <= 2100 ? Number(asked) : null;
}

// 1,200 or １２００ as typed on a Japanese keyboard; blank means no target for the measure.
const targetValue = z
	.string()
	.default('')
	.transform((v) => v.normalize('NFKC').replace(/[,\s]/g, ''))
	.refine((v) => v === '' || (/^\d{1,8}$/.test(v) && Number(v) <= 10_000_000), 'target_invalid')
	.transform((v) => (v === '' ? null : Number(v)));

export const targetFieldNames = ['fiscal_year', ...metrics] as const;
export const targetsForm = z.object({
	fiscal_year: z.string().regex(/^\d{4}$/, 'fiscal_year_invalid').transform(Number),
	...(Object.fromEntries(metrics.map((m) => [m, targetValue])) as Record<Metric, typeof targetValue>)
});

/** The targets as the form leaves them: a number each, or null where the field was left empty (no target). */
export const typedTargets = (form: z.infer<typeof targetsForm>, shown: readonly Metric[]) =>
	Object.fromEntries(shown.map((m) => [m, form[m] ?? null])) as Partial<Record<Metric, number | null>>;

export const mergeFieldNames = ['keep', 'fold'] as const;
export const distinctFieldNames = ['a', 'b'] as const;
