import type { Cell } from '../csv-file.ts';
import type { AttendanceExport } from '../exports.ts';
import { formatPhone } from '../../domain/phone.ts';
import { formatWarekiDay, isoDateInJapan } from '../../domain/wareki.ts';
import { ageLabels, attendanceColumns, attendedLabels, channelLabels, deviceLabels, kindLabels, personColumns, yesNo } from './columns.ts';

const attendedLabel = (attended: boolean | null) =>
	attended === null ? attendedLabels.unmarked : attended ? attendedLabels.present : attendedLabels.absent;

/**
 * One line per person on the session's list, in the order of attendanceColumns; the name,
 * reading and phone number columns only when SQL sent them (with_names), empty once erased.
 */
export function attendanceRows(data: AttendanceExport): { header: readonly string[]; rows: Cell[][] } {
	const starts = new Date(data.session.starts_at);
	const day = isoDateInJapan(starts);
	const wareki = formatWarekiDay(starts);
	const rows = data.rows.map((r) => {
		const row: Cell[] = [
			r.row_number, day, wareki, data.session.title, kindLabels[r.kind], r.channel ? channelLabels[r.channel] : '',
			r.device ? deviceLabels[r.device] : '', r.needs_loaner ? yesNo.yes : yesNo.no, ageLabels[r.age_band], attendedLabel(r.attended),
			r.walk_in ? yesNo.yes : yesNo.no
		];
		// Grouped as written (090-1234-5678): staff read it aloud, and Excel keeps it as text.
		if (data.with_names) row.push(r.full_name ?? '', r.name_kana ?? '', formatPhone(r.phone));
		return row;
	});
	return { header: data.with_names ? [...attendanceColumns, ...personColumns] : attendanceColumns, rows };
}
