import { parse } from 'csv-parse/sync';
import Encoding from 'encoding-japanese';
import { describe, expect, it } from 'vitest';
import { csvBytes, csvEncodingOf } from './csv-file.ts';

describe('csv files for Excel', () => {
	it('writes UTF-8 with a BOM and CRLF, quoting what needs it', () => {
		const bytes = csvBytes(['名前', 'メモ'], [['福島 花子', 'a,"b"\nc'], ['x', 3]]);
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		expect(text.split('\r\n')[0]).toBe('名前,メモ');
		expect(parse(text)).toEqual([['名前', 'メモ'], ['福島 花子', 'a,"b"\nc'], ['x', '3']]);
	});

	it('keeps a cell Excel would run as a formula as text', () => {
		const text = new TextDecoder().decode(csvBytes(['a'], [['=HYPERLINK("http://x")'], ['+1'], ['-2'], ['@SUM(A1)'], ['024-535-1111']]).slice(3));
		expect(parse(text).slice(1).map((r: string[]) => r[0])).toEqual(["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", '024-535-1111']);
	});

	it('writes Shift_JIS on request, without a BOM', () => {
		const bytes = csvBytes(['開始日'], [['令和8年12月1日']], 'shift_jis');
		expect(bytes[0]).not.toBe(0xef);
		expect(Encoding.detect(bytes)).toBe('SJIS');
		expect(Encoding.convert(bytes, { to: 'UNICODE', from: 'SJIS', type: 'string' })).toBe('開始日\r\n令和8年12月1日\r\n');
	});

	it('reads the encoding from the address', () => {
		expect(csvEncodingOf(new URL('http://x/a.csv?encoding=shift_jis'))).toBe('shift_jis');
		expect(csvEncodingOf(new URL('http://x/a.csv?encoding=SJIS'))).toBe('shift_jis');
		expect(csvEncodingOf(new URL('http://x/a.csv?encoding=<x>'))).toBe('utf-8');
		expect(csvEncodingOf(new URL('http://x/a.csv'))).toBe('utf-8');
	});
});
