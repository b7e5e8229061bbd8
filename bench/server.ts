// The built app as a town runs it (scripts/serve.js), on a database the bench prepared.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';

export interface RunningServer {
	origin: string;
	pid: number;
	/** Resident memory now, and the peak since the process started (VmHWM), in MiB. */
	memory(): { rssMiB: number; peakMiB: number };
	stop(): Promise<void>;
	/** kill -9: no chance to close the database or finish a response. */
	kill(): Promise<void>;
}

// The server is started as `npm run serve` starts it (its Node flags included), but directly,
// so that the process measured is the server's own.
const serveScript = JSON.parse(readFileSync('package.json', 'utf8')).scripts.serve as string;
const [, ...serveArgs] = serveScript.split(/\s+/);

const mib = (status: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;

export async function startServer(env: Record<string, string>, port: number, logFile: string): Promise<RunningServer> {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|DATA_DIR|PUBLIC_SUPABASE_|SUPABASE_|SMTP_|ORIGIN)/.test(name))
	);
	const child: ChildProcess = spawn(process.execPath, serveArgs, {
		env: {
			...inherited,
			NODE_ENV: 'production',
			SEED_DEMO_DATA: 'never',
			HOST: '127.0.0.1',
			PORT: String(port),
			// The load comes from one address; a proxy header lets each simulated visitor have
			// their own, as behind a town's reverse proxy (the per-address limits stay on).
			ADDRESS_HEADER: 'x-forwarded-for',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const log = createWriteStream(logFile);
	child.stdout!.pipe(log);
	child.stderr!.pipe(log);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const origin = `http://127.0.0.1:${port}`;

	for (let waited = 0; ; waited += 200) {
		if (child.exitCode !== null) throw new Error(`the server stopped at start; see ${logFile}`);
		const answered = await fetch(`${origin}/ping`, { headers: { 'x-forwarded-for': '10.255.0.1' } }).then((r) => r.ok, () => false);
		if (answered) break;
		if (waited > 600_000) throw new Error(`the server did not answer within 10 minutes; see ${logFile}`);
		await new Promise((r) => setTimeout(r, 200));
	}

	return {
		origin,
		pid: child.pid!,
		memory() {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			return { rssMiB: mib(status, 'VmRSS'), peakMiB: mib(status, 'VmHWM') };
		},
		async kill() {
			child.kill('SIGKILL');
			await exited;
		},
		async stop() {
			child.kill('SIGTERM');
			const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timeout);
		}
	};
}
