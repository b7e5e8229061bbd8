import type { Cell } from '../csv-file.ts';
import type { SessionExportRow } from '../exports.ts';
import { formatTime, formatWarekiDay, isoDateInJapan } from '../../domain/wareki.ts';
import { formatLabels, sessionColumns, statusLabels } from './columns.ts';

/** One line per session of the year, in the order of sessionColumns. */
export function sessionRows(sessions: readonly SessionExportRow[]): { header: readonly string[]; rows: Cell[][] } {
	const rows = sessions.map((s) => {
		const starts = new Date(s.starts_at);
		return [
			isoDateInJapan(starts), formatWarekiDay(starts), formatTime(starts), formatTime(new Date(s.ends_at)), s.title, s.series_part,
			s.topic_name, formatLabels[s.format], s.venue_name, statusLabels[s.status], s.capacity, s.confirmed, s.waitlisted,
			s.present, s.seniors_present, s.walk_ins, s.supporters_assigned
		];
	});
	return { header: sessionColumns, rows };
}
