/**
 * Takes the README's screenshot (docs/screenshot.png) of a running `pnpm start`:
 *   node --import tsx scripts/screenshot.ts [--url http://127.0.0.1:3000] [--out docs/screenshot.png]
 * Signs in as the demo admin through the API, hands the session cookie to headless Debian chromium and waits
 * for the scorecard table before it shoots.
 */
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { ApiClient } from './start/api-client.ts';
import { DEMO_ADMIN } from './start/demo-admin.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    out: { type: 'string', default: 'docs/screenshot.png' },
  },
});

const api = new ApiClient(values.url);
if (!(await api.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password))) throw new Error(`${values.url} has no sign-in route`);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await context.addCookies(
    api.cookieHeader.split('; ').map((pair) => {
      const [name = '', ...value] = pair.split('=');
      return { name, value: value.join('='), url: values.url };
    }),
  );
  const page = await context.newPage();
  await page.goto(values.url);
  await page.locator('table tbody tr').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: values.out });
  console.log(`wrote ${values.out}`);
} finally {
  await browser.close();
}
