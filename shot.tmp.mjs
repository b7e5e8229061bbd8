import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const ctx = await browser.newContext({ viewport: { width: 1000, height: 900 } });
const page = await ctx.newPage();
const base = 'http://127.0.0.1:4710';
await page.goto(base + '/signin');
await page.fill('input[name=email]', process.argv[2] ?? 'admin@demo.tsunagu.example');
await page.fill('input[name=password]', 'tsunagu-demo-2026');
await page.getByRole('button', { name: 'ログインする' }).click(); await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
await page.waitForLoadState();
for (const [i, path] of process.argv.slice(3).entries()) {
  const r = await page.goto(base + path);
  console.log(path, r.status());
  await page.screenshot({ path: `/tmp/shot-${i}.png`, fullPage: true });
}
await browser.close();
