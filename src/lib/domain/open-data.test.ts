import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventColumns, openDataFile } from './open-data.ts';

describe('open data files', () => {
	it('writes the event list’s columns exactly as the standard’s list, in its order', () => {
		const standard = readFileSync(new URL('./opendata-event-columns.txt', import.meta.url), 'utf8').split('\n').filter((line) => line !== '');
		expect([...eventColumns]).toEqual(standard);
	});

	it('reads every name it offers, and nothing else', () => {
		expect(openDataFile('events.csv')).toEqual({ kind: 'events', municipalityCode: null, format: 'csv' });
		expect(openDataFile('events.json')).toEqual({ kind: 'events', municipalityCode: null, format: 'json' });
		expect(openDataFile('072010_event.csv')).toEqual({ kind: 'events', municipalityCode: '072010', format: 'csv' });
		expect(openDataFile('072010_event.json')).toEqual({ kind: 'events', municipalityCode: '072010', format: 'json' });
		expect(openDataFile('participation.csv')).toEqual({ kind: 'participation', format: 'csv' });
		expect(openDataFile('participation.json')).toEqual({ kind: 'participation', format: 'json' });
		for (const name of ['events.xlsx', '07201_event.csv', '0720100_event.csv', '072010_events.csv', '072010_participation.csv', 'events.csv/', ' events.csv', 'events.CSV', '072010_event.csv\n', '../events.csv', '']) {
			expect(openDataFile(name), name).toBeNull();
		}
	});
});
