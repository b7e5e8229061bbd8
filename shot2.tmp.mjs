import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const ctx = await browser.newContext({ viewport: { width: 1000, height: 1100 } });
const page = await ctx.newPage();
const base = 'http://127.0.0.1:4710';
await page.goto(base + '/signin');
await page.fill('input[name=email]', process.argv[2]);
await page.fill('input[name=password]', 'tsunagu-demo-2026');
await page.getByRole('button', { name: 'ログインする' }).click(); await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
const [path, ...ys] = process.argv.slice(3);
await page.goto(base + path);
for (const [i, y] of ys.entries()) {
  await page.evaluate((y) => window.scrollTo(0, Number(y)), y);
  await page.screenshot({ path: `/tmp/v-${i}.png` });
}
await browser.close();
