import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isValidLocalGovernmentCode } from '../../domain/local-government-code.ts';

const row = z.object({
	code: z.string().refine(isValidLocalGovernmentCode, 'bad check digit'),
	name: z.string().min(1),
	kana: z.string().min(1),
	kind: z.enum(['市', '町', '村', '区']),
	lat: z.coerce.number().min(-90).max(90),
	lng: z.coerce.number().min(-180).max(180),
	region: z.string().min(1).max(20).optional()
});

export const fukushima = { code: '07', local_government_code: '070009', name: '福島県' } as const;

/** Reads a municipalities CSV (code,name,kana,kind,lat,lng[,region]; no quoted fields) into table rows. */
export function readMunicipalities(csvPath: string, prefectureCode: string) {
	const [header, ...lines] = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
	const columns = header!.split(',');
	return lines.map((line, i) => {
		const parsed = row.safeParse(Object.fromEntries(line.split(',').map((value, j) => [columns[j], value])));
		if (!parsed.success) throw new Error(`${csvPath} line ${i + 2}: ${parsed.error.issues[0]!.message}`);
		const m = parsed.data;
		if (!m.code.startsWith(prefectureCode)) throw new Error(`${csvPath} line ${i + 2}: not in prefecture ${prefectureCode}`);
		return {
			code: m.code,
			prefecture_code: prefectureCode,
			name: m.name,
			kana: m.kana,
			kind: m.kind,
			office_lat: m.lat,
			office_lng: m.lng,
			region: m.region ?? null
		};
	});
}
