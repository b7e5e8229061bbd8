import { describe, expect, it } from 'vitest';
import { cumulative, metricRows, monthsLeft, selectableYears, targetsOpen, type Progress } from './progress.ts';
import { fiscalYearAsked } from './progress-form.ts';

const at = (iso: string) => new Date(`${iso}T12:00:00+09:00`);

describe('progress toward targets', () => {
	it('counts the months left in the fiscal year, this one included, in Japan time', () => {
		expect(monthsLeft(2026, at('2026-04-01'))).toBe(12);
		expect(monthsLeft(2026, at('2026-12-01'))).toBe(4);
		expect(monthsLeft(2026, at('2027-03-31'))).toBe(1);
		expect(monthsLeft(2026, new Date('2027-03-31T15:00:00Z'))).toBe(0); // 1 April, 00:00 in Japan
		expect(monthsLeft(2027, at('2026-12-01'))).toBe(12);
		expect(monthsLeft(2025, at('2026-12-01'))).toBe(0);
	});

	it('gives the share reached and the pace the months left need, rounding the pace up', () => {
		const progress = { metrics: { senior_participants: 324, attendances: 50, sessions_held: 0, municipalities_holding: 15, active_supporters: 3 }, targets: { senior_participants: 930, attendances: 50, municipalities_holding: 0 } } as unknown as Progress;
		const rows = metricRows(progress, ['senior_participants', 'attendances', 'sessions_held', 'municipalities_holding'], 4);
		expect(rows[0]).toEqual({ metric: 'senior_participants', achieved: 324, target: 930, share: 34.8, pace: 152 });
		expect(rows[1]).toMatchObject({ share: 100, pace: 0 });
		expect(rows[2]).toMatchObject({ target: null, share: null, pace: null });
		expect(rows[3]).toMatchObject({ target: 0, share: null, pace: 0 });
		expect(metricRows(progress, ['senior_participants'], 0)[0]).toMatchObject({ pace: null });
	});

	it('adds the months up, leaving the months to come empty', () => {
		const progress = { months: [{ month: '2026-04', attendances: 3 }, { month: '2026-05', attendances: 0 }, { month: '2026-06', attendances: 5 }, { month: '2026-07', attendances: 0 }] } as unknown as Progress;
		expect(cumulative(progress, 'attendances', at('2026-06-30')).map((p) => p.total)).toEqual([3, 3, 8, null]);
		expect(cumulative(progress, 'attendances', at('2027-06-30')).map((p) => p.total)).toEqual([3, 3, 8, 8]);
	});

	it('offers next year, this year and five before; targets from five back to next year; a year asked must be one', () => {
		expect(selectableYears(at('2026-12-01'))).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021]);
		expect([2020, 2021, 2027, 2028].map((y) => targetsOpen(y, at('2026-12-01')))).toEqual([false, true, true, false]);
		expect(fiscalYearAsked(new URL('http://x/?fy=2024'), 2026)).toBe(2024);
		expect(fiscalYearAsked(new URL('http://x/'), 2026)).toBe(2026);
		expect(fiscalYearAsked(new URL('http://x/?fy=abc'), 2026)).toBeNull();
		expect(fiscalYearAsked(new URL('http://x/?fy=1999'), 2026)).toBeNull();
	});
});
