import Encoding from 'encoding-japanese';
import { describe, expect, it } from 'vitest';
import { rowsOf, textOf } from './course-list.ts';

describe('a course’s participant list', () => {
	it('reads e-mail addresses anywhere on a line, else the first cell as a name, with Excel’s line numbers', () => {
		const text = 'お名前,メールアドレス\n見本 太郎,taro@example.jp\n\n"試験, 花子",\n  ,  \nＨＡＮＡ＠ＥＸＡＭＰＬＥ．ＪＰ\n仮名\t一郎\n';
		expect(rowsOf(text)).toEqual([
			{ row: 2, email: 'taro@example.jp', name: '' },
			{ row: 4, email: '', name: '試験, 花子' },
			{ row: 6, email: 'HANA@EXAMPLE.JP', name: '' },
			{ row: 7, email: '', name: '仮名' }
		]);
	});

	it('reads an Excel list with a No. column and a heading in any column', () => {
		expect(rowsOf('No.,氏名\n1,検査 太郎\n2,見本 花子')).toEqual([
			{ row: 2, email: '', name: '検査 太郎' },
			{ row: 3, email: '', name: '見本 花子' }
		]);
	});

	it('keeps the first line when it is a person, not a heading', () => {
		expect(rowsOf('見本 太郎\n試験 花子')).toEqual([
			{ row: 1, email: '', name: '見本 太郎' },
			{ row: 2, email: '', name: '試験 花子' }
		]);
	});

	it('reads a file in UTF-8 with a BOM and in Shift_JIS, as Excel saves them', () => {
		const text = '氏名\n見本 太郎\n';
		const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
		const sjis = new Uint8Array(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
		expect(textOf(utf8)).toBe(text);
		expect(textOf(sjis)).toBe(text);
		expect(rowsOf(textOf(sjis))).toEqual([{ row: 2, email: '', name: '見本 太郎' }]);
	});

	it('stops at the limit, and says when a list cannot be read at all', () => {
		expect(rowsOf(Array.from({ length: 10 }, (_, i) => `人 ${i}`).join('\n'), 3)).toHaveLength(3);
		expect(rowsOf('"見本 太郎\n試験 花子')).toBeNull();
	});
});
