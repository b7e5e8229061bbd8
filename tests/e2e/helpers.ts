import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const demoPassword = 'tsunagu-demo-2026';

/** WCAG 2.1 A and AA, as axe checks them. */
export async function expectNoAccessibilityViolations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.example`;

export async function signIn(page: Page, email: string, password: string) {
	await page.goto('/signin');
	await page.getByLabel('メールアドレス').fill(email);
	await page.getByLabel('パスワード').fill(password);
	await page.getByRole('button', { name: 'ログインする' }).click();
}

/** Signs up, then signs in from the form the answer shows (sign-up itself never signs in). */
export async function signUp(page: Page, email: string, password: string) {
	await page.goto('/signup');
	await page.getByLabel('メールアドレス').fill(email);
	await page.getByLabel('パスワード').fill(password);
	await page.getByRole('button', { name: '登録する' }).click();
	await expect(page.getByLabel('メールアドレス')).toHaveValue(email);
	await page.getByLabel('パスワード').fill(password);
	await page.getByRole('button', { name: 'ログインする' }).click();
	// Settled before the caller moves on: a page closed while a navigation commits can stay
	// open in Chromium, and the next new page then hangs (microsoft/playwright#42366). The
	// first page, which now loads a script, widened that window enough to hit it in CI.
	await page.waitForURL((url) => url.pathname !== '/signup');
	await page.waitForLoadState('load');
}
