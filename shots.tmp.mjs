// node /work/shots.mjs BASE user path name [user path name ...]  (uses the demo logins)
import { chromium } from '@playwright/test';
const base = process.argv[2];
const jobs = [];
for (let i = 3; i < process.argv.length; i += 3) jobs.push(process.argv.slice(i, i + 3));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
for (const [user, path, name] of jobs) {
  for (const locale of ['en', 'zh-CN']) {
    for (const width of [1280, 390]) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale });
      const page = await ctx.newPage();
      await page.goto(base + '/login');
      await page.getByLabel(/Username|用户名/).fill(user);
      await page.getByLabel(/Password|密码/).fill('practice-makes-perfect');
      await page.getByRole('button', { name: /Sign in|登录/ }).click();
      await page.waitForLoadState('networkidle');
      // set the language through the switch
      await page.request.post(base + '/locale', { form: { locale, redirectTo: '/' }, headers: { origin: base } });
      await page.goto(base + path);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `/work/shots/${name}-${locale}-${width}.png`, fullPage: true });
      await ctx.close();
    }
  }
}
await browser.close();
