import { serviceRole, type Backend } from './db/port.ts';

export interface Erased {
	participants: number;
	notes: number;
	kept_from: string;
}

/** Erases seniors' names and phone numbers past the retention period; counts remain. */
export const eraseExpiredPersonalData = (backend: Backend, years: number, asOf?: Date) =>
	backend.as(serviceRole).rpc<Erased>('erase_expired_personal_data', { p_years: years, p_as_of: asOf?.toISOString() ?? null });

/**
 * Runs the erasure now and then once a day while the server runs. Logs counts only. A failed
 * run is logged and tried again the next day; it never stops the server.
 */
export function keepRetention(backend: Backend, years: number, log: (line: string) => void = console.log) {
	const run = () =>
		eraseExpiredPersonalData(backend, years)
			.then((erased) => {
				if (erased.participants > 0) log(`Retention: erased the names and phone numbers of ${erased.participants} participants (classes before ${erased.kept_from.slice(0, 10)}).`);
			})
			.catch((error: unknown) => log(`Retention: erasure failed (${(error as { code?: string }).code ?? 'error'}); trying again tomorrow.`));
	// unref: the daily run never keeps a stopping server alive.
	setInterval(run, 24 * 60 * 60 * 1000).unref();
	return { first: run() };
}
