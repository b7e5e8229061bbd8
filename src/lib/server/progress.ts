import type { Db } from './db/port.ts';
import type { Metric, Progress } from '../domain/progress.ts';

// Progress toward targets and duplicate participants (issue 11): each call one SQL function
// (20261201001500, 20261201001600).

export const progress = (db: Db, fiscalYear: number, prefectureCode: string, municipalityCode: string | null) =>
	db.rpc<Progress>('progress', { p_fiscal_year: fiscalYear, p_prefecture_code: prefectureCode, p_municipality_code: municipalityCode });

/** Sets the year's targets typed, all or none. */
export const setTargets = (db: Db, fiscalYear: number, prefectureCode: string, municipalityCode: string | null, values: Partial<Record<Metric, number | null>>) =>
	db.rpc<Partial<Record<Metric, number>>>('set_targets', { p_fiscal_year: fiscalYear, p_prefecture_code: prefectureCode, p_municipality_code: municipalityCode, p_values: values });

export const prefectureDetails = (db: Db, code: string) => db.rpc<{ code: string; name: string } | null>('prefecture_details', { p_code: code });

export interface DuplicateCard {
	id: string;
	full_name: string | null;
	name_kana: string | null;
	phone: string | null;
	age_band: string;
	created_at: string;
	attended: number;
	last_class: string | null;
}
export interface DuplicatePair {
	reason: 'same_reading' | 'same_name_and_phone';
	a: DuplicateCard;
	b: DuplicateCard;
}

export const duplicates = (db: Db, municipalityCode: string) => db.rpc<DuplicatePair[]>('participant_duplicates', { p_municipality_code: municipalityCode });

export const mergeParticipants = (db: Db, keep: string, fold: string) =>
	db.rpc<{ kept: string; folded: string; records: number }>('merge_participants', { p_keep: keep, p_fold: fold });

export const markDistinct = (db: Db, a: string, b: string) => db.rpc<{ a: string; b: string }>('mark_distinct_participants', { p_a: a, p_b: b });
