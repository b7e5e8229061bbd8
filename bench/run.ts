// npm run bench [-- --scales town,prefecture,national --backends pglite,postgres --seconds 5 --no-build --page-cache-ms 0]
// Builds the app, then for each scale and backend: loads the synthetic data, starts the
// server, measures every target at 1 and 10 connections beside the trivial route, and
// records the server's peak memory. Prints one table with the goals, and writes it as JSON
// (and, at national scale, the query plans) under bench/results/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { prepare } from './database.ts';
import { measure, openedCookieFor, staffCookieFor, targetsFor, type Measured } from './load.ts';
import { explainFunctions, plansText } from './plans.ts';
import { goalLines, judge, table, withRatios, type Run } from './report.ts';
import { scales, type BackendName, type ScaleName } from './scales.ts';
import { startServer } from './server.ts';

const { values } = parseArgs({
	options: {
		scales: { type: 'string', default: 'town,prefecture,national' },
		backends: { type: 'string', default: 'pglite,postgres' },
		seconds: { type: 'string', default: '5' },
		'no-build': { type: 'boolean', default: false },
		port: { type: 'string', default: '3990' },
		// 0 measures every page made afresh: what SQL and rendering cost without the reuse.
		'page-cache-ms': { type: 'string' }
	}
});
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seconds = Number(values.seconds);
const wanted = values.backends.split(',') as BackendName[];
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const resultsDir = new URL('./results/', import.meta.url).pathname;
mkdirSync(resultsDir, { recursive: true });

if (!values['no-build']) execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });

const runs: Run[] = [];
const planFiles: string[] = [];
for (const name of values.scales.split(',') as ScaleName[]) {
	const scale = scales[name];
	if (!scale) throw new Error(`unknown scale ${name}; one of ${Object.keys(scales).join(', ')}`);
	for (const backend of scale.backends.filter((b) => wanted.includes(b))) {
		console.error(`\n${name} on ${backend}: loading…`);
		const prepared = await prepare(scale, backend, postgresUrl);
		console.error(`  loaded in ${prepared.loadSeconds.toFixed(0)} s: ${JSON.stringify(prepared.loaded)}`);
		try {
			if (backend === 'postgres' && name === 'national') {
				const plans = await explainFunctions(prepared.env.DATABASE_URL!, prepared.targets);
				const file = `${stamp}-plans-${name}.txt`;
				writeFileSync(`${resultsDir}${file}`, plansText(plans));
				planFiles.push(file);
				for (const p of plans) console.error(`  ${p.milliseconds.toFixed(1).padStart(8)} ms  ${p.call}`);
			}
			const cacheSetting: Record<string, string> = values['page-cache-ms'] === undefined ? {} : { PAGE_CACHE_MS: values['page-cache-ms'] };
			const server = await startServer({ ...prepared.env, ...cacheSetting }, Number(values.port), join(tmpdir(), `tsunagu-bench-${stamp}-${name}-${backend}.log`));
			const results: Measured[] = [];
			let idleRssMiB = NaN;
			let startPeakMiB = NaN;
			try {
				await new Promise((r) => setTimeout(r, 1000));
				({ rssMiB: idleRssMiB, peakMiB: startPeakMiB } = server.memory());
				const cookies = { opened: await openedCookieFor(server.origin, prepared.targets), staff: await staffCookieFor(server.origin, prepared.targets) };
				const targets = targetsFor(prepared.targets, cookies);
				for (const connections of [1, 10]) {
					// The trivial route before and after the pages, so that its mean is taken over the same stretch.
					const [trivial, ...others] = targets;
					for (const target of [trivial!, ...others, trivial!]) {
						const result = await measure(server.origin, target, connections, seconds);
						results.push(result);
						console.error(`  ${target.name} ×${connections}: ${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.p99ms} ms${result.failures ? `, ${result.failures} FAILED` : ''}`);
					}
				}
			} finally {
				const { peakMiB } = server.memory();
				await server.stop();
				const trivialRuns = results.filter((r) => r.kind === 'trivial');
				// One row per trivial measurement pair, averaged, keeps the table short.
				const merged = [1, 10].flatMap((c) => {
					const pair = trivialRuns.filter((r) => r.connections === c);
					if (!pair.length) return [];
					const mean = (f: (r: Measured) => number) => pair.reduce((s, r) => s + f(r), 0) / pair.length;
					return [{ ...pair[0]!, requestsPerSecond: mean((r) => r.requestsPerSecond), p50ms: mean((r) => r.p50ms), p99ms: mean((r) => r.p99ms), requests: mean((r) => r.requests), failures: pair.reduce((s, r) => s + r.failures, 0) }];
				});
				const ordered = [1, 10].flatMap((c) => [...merged.filter((r) => r.connections === c), ...results.filter((r) => r.kind !== 'trivial' && r.connections === c)]);
				runs.push({ scale: name, backend, loaded: prepared.loaded, loadSeconds: prepared.loadSeconds, idleRssMiB, startPeakMiB, peakRssMiB: peakMiB, results: withRatios(ordered) });
			}
		} finally {
			await prepared.dispose();
		}
	}
}

const goals = judge(runs);
const postgresVersion = await (async () => {
	const client = new pg.Client({ connectionString: postgresUrl });
	await client.connect();
	const { rows } = await client.query<{ server_version: string }>('show server_version');
	await client.end();
	return rows[0]!.server_version;
})().catch(() => 'unreachable');
const report = {
	date: new Date().toISOString(),
	command: `npm run bench -- --scales ${values.scales} --backends ${values.backends} --seconds ${seconds}${values['page-cache-ms'] === undefined ? '' : ` --page-cache-ms ${values['page-cache-ms']}`}`,
	pageCacheMs: values['page-cache-ms'] === undefined ? 1000 : Number(values['page-cache-ms']),
	machine: { cores: availableParallelism(), cpu: cpus()[0]?.model, loadAverage: loadavg(), node: process.version, postgres: postgresVersion },
	secondsPerMeasurement: seconds,
	runs,
	goals,
	plans: planFiles
};
const file = `${resultsDir}${stamp}.json`;
writeFileSync(file, JSON.stringify(report, null, '\t') + '\n');
console.log(`\n${table(runs)}\n\n${goalLines(goals)}\n\nload average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores; written to ${file}`);
