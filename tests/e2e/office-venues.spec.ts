import { expect, test } from '@playwright/test';
import { demoPassword, expectNoAccessibilityViolations, signIn } from './helpers.ts';

test.describe('the town office’s venues', () => {
	test('staff add a venue, starting from the office’s location, then edit, archive and restore it', async ({ page }) => {
		const name = `見本公民館${Date.now() % 100000}`;
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.getByRole('link', { name: '市町村の事務' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('市町村の事務');
		await page.getByRole('link', { name: '福島市: 会場' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('会場(福島市)');
		await expect(page.getByRole('link', { name: '中央公民館' })).toBeVisible();
		await expectNoAccessibilityViolations(page);

		await page.getByRole('link', { name: '会場を登録する' }).click();
		await expect(page.getByLabel('緯度(例: 37.76111)')).not.toHaveValue('');
		await expect(page.getByLabel('経度(例: 140.47306)')).not.toHaveValue('');
		await expectNoAccessibilityViolations(page);
		await page.getByLabel('会場の名前').fill(name);
		await page.getByLabel('名前のふりがな').fill('みほんこうみんかん');
		await page.getByLabel('郵便番号').fill('９６０８０４１');
		await page.getByLabel('住所').fill('福島市見本町9-9');
		await page.getByLabel('緯度(例: 37.76111)').fill('37.75');
		await page.getByLabel('経度(例: 140.47306)').fill('140.46');
		await page.getByLabel('交通・行き方').fill('バス停「本町」から徒歩3分');
		await page.getByLabel('Wi-Fiが使える').check();
		await page.getByLabel('貸し出し用のスマホの台数').fill('3');
		await page.getByRole('button', { name: '保存する' }).click();
		await expect(page.getByRole('status')).toHaveText(`「${name}」を保存しました。`);
		const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name }) });
		await expect(item).toContainText('〒960-8041 福島市見本町9-9');
		await expect(item).toContainText('Wi-Fiあり');
		await expect(item).toContainText('貸し出しスマホ 3台');

		await item.getByRole('link', { name }).click();
		await expect(page.getByLabel('郵便番号')).toHaveValue('960-8041');
		await expect(page.getByLabel('Wi-Fiが使える')).toBeChecked();
		await expectNoAccessibilityViolations(page);
		await page.getByLabel('駐車場').fill('10台(無料)');
		await page.getByRole('button', { name: '保存する' }).click();
		await expect(page.getByRole('status')).toHaveText(`「${name}」を保存しました。`);

		await page.getByRole('link', { name }).click();
		await expect(page.getByLabel('駐車場')).toHaveValue('10台(無料)');
		await page.getByRole('button', { name: 'この会場を使わなくする' }).click();
		await expect(page.getByRole('status')).toHaveText('この会場は使わなくしています。');
		await page.getByRole('link', { name: '会場の一覧へ戻る' }).click();
		await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('使っていない');
		await page.getByRole('link', { name }).click();
		await page.getByRole('button', { name: 'この会場をまた使う' }).click();
		await expect(page.getByRole('button', { name: 'この会場を使わなくする' })).toBeVisible();
	});

	test('a venue with classes to come stays in use, and says why', async ({ page }) => {
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.goto('/office/venues?town=072010');
		await page.getByRole('link', { name: '中央公民館' }).click();
		await expect(page.getByText(/これからの教室 \d+件/)).toBeVisible();
		await page.getByRole('button', { name: 'この会場を使わなくする' }).click();
		await expect(page.getByRole('alert')).toContainText('これから開く教室があります');
		await expect(page.getByRole('button', { name: 'この会場を使わなくする' })).toBeVisible();
	});

	test('bad input gets a message beside its field, and nothing is saved; text is shown as typed', async ({ page }) => {
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		await page.goto('/office/venues/new?town=072010');
		const script = '<script>alert(1)</script>';
		await page.getByLabel('会場の名前').fill(script);
		await page.getByLabel('住所').fill('');
		await page.getByLabel('郵便番号').fill('12-34');
		await page.getByLabel('緯度(例: 37.76111)').fill('-33.9');
		await page.getByLabel('経度(例: 140.47306)').fill('<img src=x onerror=alert(1)>');
		await page.getByLabel('交通・行き方').fill(`バス停から\n${script}`);
		await page.getByLabel('貸し出し用のスマホの台数').fill('999');
		await page.getByRole('button', { name: '保存する' }).click();

		await expect(page.getByRole('alert').first()).toBeVisible();
		const beside = (label: string, message: string) =>
			expect(page.locator(`#${label}-error`), `${label}`).toHaveText(message);
		await beside('name', '「<」で始まるタグのような書き方は使えません。');
		await beside('address', '住所を入力してください。');
		await beside('postal_code', '郵便番号は7けたの数字で入力してください。(例: 960-8041)');
		await beside('lat', '緯度・経度は、地図アプリに出る数字(例: 37.76111)で入力してください。日本の中の位置にしてください。');
		await beside('lng', '緯度・経度は、地図アプリに出る数字(例: 37.76111)で入力してください。日本の中の位置にしてください。');
		await beside('access', '「<」で始まるタグのような書き方は使えません。');
		await beside('loaner_phones', '貸し出し用のスマホの台数は、0から200までの数字で入力してください。');
		// What was typed comes back as text, never as markup.
		await expect(page.getByLabel('会場の名前')).toHaveValue(script);
		await expect(page.locator('img[src="x"]')).toHaveCount(0);
		await expect(page.locator('main script')).toHaveCount(0);
		await expectNoAccessibilityViolations(page);

		await page.goto('/office/venues?town=072010');
		await expect(page.getByText(script)).toHaveCount(0);
	});

	test('is for staff of the town: others are sent to sign in, refused, or told there is no such venue', async ({ page }) => {
		await page.goto('/office/venues?town=072010');
		await expect(page).toHaveURL(/\/signin\?next=%2Foffice%2Fvenues%3Ftown%3D072010/);

		await page.getByLabel('メールアドレス').fill('fukushima@demo.tsunagu.example');
		await page.getByLabel('パスワード').fill(demoPassword);
		await page.getByRole('button', { name: 'ログインする' }).click();
		await expect(page).toHaveURL(/\/office\/venues\?town=072010$/);
		const response = await page.goto('/office/venues?town=072028');
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('alert')).toHaveText('この操作をする権限がありません。');

		// A venue of 会津若松市, by its address: not there for 福島市's staff.
		await page.getByRole('button', { name: 'ログアウト' }).click();
		await signIn(page, 'aizu@demo.tsunagu.example', demoPassword);
		await page.goto('/office/venues?town=072028');
		const href = await page.getByRole('link', { name: '生涯学習センター' }).getAttribute('href');
		await page.getByRole('button', { name: 'ログアウト' }).click();
		await signIn(page, 'fukushima@demo.tsunagu.example', demoPassword);
		expect((await page.goto(href!))?.status()).toBe(404);
		expect((await page.goto('/office/venues/not-a-venue'))?.status()).toBe(404);
		expect((await page.goto('/office/venues?town=<script>'))?.status()).toBe(404);

		await page.getByRole('button', { name: 'ログアウト' }).click();
		await signIn(page, 'supporter@demo.tsunagu.example', demoPassword);
		expect((await page.goto('/office'))?.status()).toBe(403);
	});
});
