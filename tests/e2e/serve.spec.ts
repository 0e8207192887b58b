/**
 * `siglum serve` in a real browser: the printed address lets the browser in and
 * nothing else does, the token does not stay in the address bar or reach scripts,
 * and the page runs under the strict CSP.
 */
import { expect, test } from './fixtures.ts';

test('the printed address opens the app, drops the token from the address and hides the cookie from scripts', async ({
  page,
  served,
}) => {
  const response = await page.goto(served.url);
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(`${served.origin}/`);
  await expect(page).toHaveTitle('Siglum');
  expect(await page.evaluate(() => document.cookie)).toBe('');

  const reply = await page.evaluate(async () => {
    const res = await fetch('/api/projectInfo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; value?: { path: string } } };
  });
  expect(reply.status).toBe(200);
  expect(reply.body.value?.path).toBe(served.projectPath);
});

test('a browser without the token gets no page and no API', async ({ browser, served }) => {
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  expect((await page.goto(`${served.origin}/`))?.status()).toBe(401);
  expect((await page.goto(`${served.origin}/?token=not-the-token`))?.status()).toBe(403);
  await stranger.close();
});

test('the page runs under the CSP header: inline scripts do not run', async ({ page, served }) => {
  const response = await page.goto(served.url);
  expect((await response?.allHeaders())?.['content-security-policy']).toContain("script-src 'self'");
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { inlineRan?: boolean };
    // The browser reports the refusal: wait for that, not for a while.
    const refused = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.head.append(script);
    return { directive: await refused, ran: w.inlineRan === true };
  });
  expect(ran).toEqual({ directive: 'script-src-elem', ran: false });
});

test('the printed address works once: another browser then gets a page saying what to do, the first keeps working', async ({
  browser,
  page,
  served,
}) => {
  expect((await page.goto(served.url))?.status()).toBe(200);
  const other = await browser.newContext();
  const late = await other.newPage();
  expect((await late.goto(served.url))?.status()).toBe(403);
  await expect(late.locator('body')).toContainText('already been used');
  await expect(late.locator('body')).toContainText('stop `siglum serve` and start it again');
  await other.close();
  // The first browser still has its session, and opening the address again there is harmless.
  expect((await page.goto(served.url))?.status()).toBe(200);
  expect(page.url()).toBe(`${served.origin}/`);
  await expect(page).toHaveTitle('Siglum');
});
