// The table the bench prints, and the goals of issue 8 judged on it (reported, not asserted).
import type { Measured } from './load.ts';
import type { BackendName, ScaleName } from './scales.ts';

export interface Run {
	scale: ScaleName;
	backend: BackendName;
	loaded: Record<string, number>;
	loadSeconds: number;
	idleRssMiB: number;
	/** The peak before any load: what starting (migrations, reference data, retention) took. */
	startPeakMiB: number;
	peakRssMiB: number;
	results: (Measured & { ratio: number })[];
}

export interface Goal {
	goal: string;
	pass: boolean;
	detail: string;
}

/** Each result beside the trivial route measured in the same run at the same connections. */
export function withRatios(results: Measured[]): Run['results'] {
	return results.map((r) => {
		const trivial = results.filter((t) => t.kind === 'trivial' && t.connections === r.connections);
		const yardstick = trivial.reduce((sum, t) => sum + t.requestsPerSecond, 0) / trivial.length;
		return { ...r, ratio: r.requestsPerSecond / yardstick };
	});
}

const fixed = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export function table(runs: Run[]): string {
	const header = ['scale', 'backend', 'target', 'conn', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'failed', 'peak RSS MiB'];
	const rows = runs.flatMap((run) =>
		run.results.map((r) => [
			run.scale, run.backend, r.target, String(r.connections), fixed(r.requestsPerSecond), fixed(r.p50ms, 1), fixed(r.p99ms, 1),
			r.kind === 'trivial' ? '1' : fixed(r.ratio, 2), String(r.failures), fixed(run.peakRssMiB)
		])
	);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
	const line = (cells: string[]) => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const pages = (run: Run, connections: number) => run.results.filter((r) => r.kind === 'page' && r.connections === connections);

export function judge(runs: Run[]): Goal[] {
	const goals: Goal[] = [];
	const find = (scale: ScaleName, backend: BackendName) => runs.find((r) => r.scale === scale && r.backend === backend);

	const prefecture = find('prefecture', 'postgres');
	if (prefecture) {
		const slow = pages(prefecture, 10).filter((r) => r.ratio < 0.5);
		goals.push({
			goal: 'every public page ≥ 0.5 × the trivial route at 10 connections (prefecture, PostgreSQL)',
			pass: slow.length === 0,
			detail: pages(prefecture, 10).map((r) => `${r.target} ${fixed(r.ratio, 2)}`).join(', ')
		});
	}
	const town = find('town', 'postgres');
	const national = find('national', 'postgres');
	if (town && national) {
		const compared = pages(national, 10).map((n) => {
			const t = pages(town, 10).find((r) => r.target === n.target)!;
			return { target: n.target, slower: t.ratio / n.ratio };
		});
		goals.push({
			goal: 'no public page more than 2× slower at national scale than at town scale (PostgreSQL, ratios at 10 connections)',
			pass: compared.every((c) => c.slower <= 2),
			detail: compared.map((c) => `${c.target} ${fixed(c.slower, 2)}×`).join(', ')
		});
	}
	for (const run of runs.filter((r) => r.backend === 'postgres')) {
		const post = run.results.find((r) => r.kind === 'write' && r.connections === 10);
		if (post)
			goals.push({
				goal: `registration POST p99 < 100 ms at 10 connections (${run.scale}, PostgreSQL)`,
				pass: post.p99ms < 100 && post.failures === 0,
				detail: `p99 ${fixed(post.p99ms, 1)} ms, ${post.failures} failed of ${post.requests}`
			});
	}
	for (const run of runs.filter((r) => r.backend === 'postgres' && r.scale === 'national')) {
		const pref = run.results.find((r) => r.target === '/pref/progress (staff)' && r.connections === 1);
		if (pref)
			goals.push({
				goal: '/pref/progress p50 < 150 ms at national scale (PostgreSQL, 1 connection)',
				pass: pref.p50ms < 150 && pref.failures === 0,
				detail: `p50 ${fixed(pref.p50ms, 1)} ms, p99 ${fixed(pref.p99ms, 1)} ms`
			});
	}
	for (const run of runs) {
		const budget = run.backend === 'postgres' ? 200 : 400;
		goals.push({
			goal: `server peak RSS < ${budget} MiB (${run.scale}, ${run.backend})`,
			pass: run.peakRssMiB < budget,
			detail: `peak ${fixed(run.peakRssMiB)} MiB; after start ${fixed(run.idleRssMiB)} MiB, with a peak of ${fixed(run.startPeakMiB)} MiB while starting`
		});
	}
	const failed = runs.flatMap((run) => run.results.filter((r) => r.failures > 0).map((r) => `${run.scale}/${run.backend} ${r.target} ×${r.connections}: ${r.failures}`));
	goals.push({ goal: 'every answer had the expected status', pass: failed.length === 0, detail: failed.join('; ') || 'all' });
	return goals;
}

export const goalLines = (goals: Goal[]) => goals.map((g) => `${g.pass ? 'PASS' : 'FAIL'}  ${g.goal}: ${g.detail}`).join('\n');
