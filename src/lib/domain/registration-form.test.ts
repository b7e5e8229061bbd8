import { describe, expect, it } from 'vitest';
import { formatCode, normalizeCode, parseRegistration } from './registration-form.ts';

const valid = { name1: ' 山田 花子 ', kana1: 'ﾔﾏﾀﾞ ﾊﾅｺ', age1: '75_84', device1: 'android', loaner1: '', phone: '０９０－１２３４－５６７８', note: '耳が遠い', consent: 'yes' };

describe('the registration form', () => {
	it('reads what seniors type: half-width kana, full-width digits and hyphens', () => {
		const parsed = parseRegistration(valid);
		expect(parsed.data).toEqual({
			people: [{ full_name: '山田 花子', name_kana: 'ヤマダ ハナコ', age_band: '75_84', device: 'android', needs_loaner: false }],
			phone: '090-1234-5678',
			note: '耳が遠い'
		});
	});

	it('takes a second person when the box is ticked or their name is filled in', () => {
		const second = { name2: '山田 太郎', kana2: 'やまだ　たろう', age2: '85_plus', device2: 'none', loaner2: 'yes' };
		expect(parseRegistration({ ...valid, ...second, together: 'yes' }).data?.people).toHaveLength(2);
		expect(parseRegistration({ ...valid, ...second }).data?.people).toHaveLength(2);
		expect(parseRegistration({ ...valid, together: 'yes', name2: '', kana2: '', age2: '', device2: '', loaner2: '' }).error?.issues.map((i) => i.message)).toEqual(['name_required', 'kana_required', 'age_band_required', 'device_required']);
	});

	it('names each mistake', () => {
		const codes = (fields: Record<string, string>) => parseRegistration({ ...valid, ...fields }).error?.issues.map((i) => i.message);
		expect(codes({ kana1: 'やまだ😀' })).toEqual(['invalid_kana']);
		expect(codes({ name1: '山'.repeat(61) })).toEqual(['name_too_long']);
		expect(codes({ name1: '見本\u202e太郎' })).toEqual(['invalid_name']);
		expect(codes({ phone: '090-1234-5678<script>' })).toEqual(['invalid_phone']);
		expect(codes({ phone: '090ー1234ー5678' })).toBeUndefined();
		expect(codes({ note: 'a\u0000b' })).toEqual(['invalid_note']);
		expect(codes({ consent: '' })).toEqual(['consent_required']);
		expect(codes({ age1: 'x' })).toEqual(['age_band_required']);
	});

	it('reads confirmation codes back however they were typed, and shows them in two groups', () => {
		expect(normalizeCode(' ａｃｄｅ－fh34 ')).toBe('ACDEFH34');
		expect(formatCode('ACDEFH34')).toBe('ACDE FH34');
	});
});
