import { describe, expect, it } from 'vitest';
import { changePasswordForm, signInForm, signUpForm } from './account-forms.ts';

const codes = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
	result.success ? {} : Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));

describe('account forms, as people type them', () => {
	it('take a full-width or mixed-width e-mail address as the half-width one it means', () => {
		const parsed = signInForm.parse({ email: 'ａｄｍｉｎ＠ｄｅｍｏ．ｔｓｕｎａｇｕ．ｅｘａｍｐｌｅ', password: 'x' });
		expect(parsed.email).toBe('admin@demo.tsunagu.example');
		expect(signInForm.parse({ email: '　Ｆｕｋｕｓｈｉｍａ@demo.tsunagu.example　', password: 'x' }).email).toBe('fukushima@demo.tsunagu.example');
	});

	it('still refuse what is not an address, with the code that asks for half-width letters', () => {
		expect(codes(signInForm.safeParse({ email: 'ふくしま＠れい．ｊｐ', password: 'x' }))).toEqual({ email: 'email_invalid' });
		expect(codes(signInForm.safeParse({ email: 'name', password: 'x' }))).toEqual({ email: 'email_invalid' });
	});

	it('refuse a new password that is only spaces, full-width spaces included', () => {
		expect(codes(signUpForm.safeParse({ email: 'a@b.jp', password: ' '.repeat(12) }))).toEqual({ password: 'password_blank' });
		expect(codes(signUpForm.safeParse({ email: 'a@b.jp', password: '\u3000'.repeat(12) }))).toEqual({ password: 'password_blank' });
		expect(codes(changePasswordForm.safeParse({ current_password: 'old one', new_password: '\t'.repeat(12) }))).toEqual({ new_password: 'password_blank' });
		expect(signUpForm.safeParse({ email: 'a@b.jp', password: ' spaces inside ' }).success).toBe(true);
	});

	it('count a new password’s length as it will be compared: after NFKC', () => {
		// Ten half-width katakana with dakuten are ten characters after NFKC, not twenty.
		expect(codes(signUpForm.safeParse({ email: 'a@b.jp', password: 'ｶﾞｷﾞｸﾞｹﾞｺﾞ' }))).toEqual({ password: 'password_too_short' });
		expect(signUpForm.safeParse({ email: 'a@b.jp', password: 'ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞｾﾞｿﾞ' }).success).toBe(true);
	});
});
