// The three shapes the benchmark loads (issue 8). Counts are totals over three fiscal years
// up to the end of the current one, except the town, which is only upcoming classes.

export type ScaleName = 'town' | 'prefecture' | 'national';
export type BackendName = 'pglite' | 'postgres';

export interface Scale {
	name: ScaleName;
	/** What bench.generate (generate.sql) is given. */
	generate: {
		municipalities: ScaleName;
		venues_per_municipality: number;
		sessions: number;
		attendances: number;
		participants_per_municipality: number;
		upcoming_only: boolean;
	};
	backends: BackendName[];
}

export const scales: Record<ScaleName, Scale> = {
	// One town's season: the shape used to compare with other community-event sites.
	town: {
		name: 'town',
		generate: { municipalities: 'town', venues_per_municipality: 20, sessions: 200, attendances: 0, participants_per_municipality: 2000, upcoming_only: true },
		backends: ['pglite', 'postgres']
	},
	// Fukushima's 59 municipalities over three years.
	prefecture: {
		name: 'prefecture',
		generate: { municipalities: 'prefecture', venues_per_municipality: 5, sessions: 3000, attendances: 45000, participants_per_municipality: 200, upcoming_only: false },
		backends: ['pglite', 'postgres']
	},
	// Every municipality in Japan; PostgreSQL only (a town's embedded database never holds this).
	national: {
		name: 'national',
		generate: { municipalities: 'national', venues_per_municipality: 5, sessions: 1_200_000, attendances: 6_000_000, participants_per_municipality: 860, upcoming_only: false },
		backends: ['postgres']
	}
};
