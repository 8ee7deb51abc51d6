/**
 * The HTML report in a real browser: Debian's chromium driven by puppeteer-core (no browser
 * download; puppeteer-core is a test tool of test-tools/). It must render from file:// with no request to anywhere and no console error, its
 * filters must work, and its print style must hide the controls. `UPDATE_SCREENSHOT=1` rewrites
 * docs/report-sample.png. Without chromium the test skips, except in CI (CI=true), where it fails:
 * `.ci/run` installs chromium.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from '../cli-run.js';
import { ROOT } from '../fixture-data.js';
import { RULES } from '../../src/rules/index.js';
import { requireTestTool } from '../test-tools.js';
import { tempDir } from '../helpers.js';

/** The part of puppeteer-core's API used here, typed here: it lives in test-tools/, out of the root install. */
interface Page {
  setViewport(viewport: { width: number; height: number }): Promise<void>;
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): unknown;
  on(event: 'pageerror', listener: (error: Error) => void): unknown;
  on(event: 'request', listener: (request: { url(): string }) => void): unknown;
  goto(url: string, options: { waitUntil: 'load' }): Promise<unknown>;
  $eval<R>(selector: string, fn: (element: Element) => R): Promise<R>;
  $$eval<R>(selector: string, fn: (elements: Element[]) => R): Promise<R>;
  click(selector: string): Promise<void>;
  select(selector: string, ...values: string[]): Promise<string[]>;
  type(selector: string, text: string): Promise<void>;
  emulateMediaType(type: 'print' | 'screen'): Promise<void>;
  pdf(options: { format: 'A4'; printBackground: boolean }): Promise<Uint8Array>;
  evaluate<R>(fn: () => R): Promise<R>;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}
interface Puppeteer {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<{ newPage(): Promise<Page>; close(): Promise<void> }>;
}

// Starting chromium takes seconds on a busy machine: not a time limit on the report, room to work.
t.setTimeout(240_000);

const CHROMIUM = '/usr/bin/chromium';
const NOW = '2026-06-01T00:00:00Z';

if (!existsSync(CHROMIUM)) {
  if (process.env.CI === 'true') t.fail(`${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)`);
  else t.plan(0, `${CHROMIUM} not installed (apt-get install chromium)`);
} else {
  const { default: puppeteer } = requireTestTool('puppeteer-core') as { default: Puppeteer };
  const report = path.join(tempDir('html-report-'), 'report.html');
  const run = await runCli(['fixtures/jaffle-shop-leaky/target', '--format', 'html', '--output', report, '--now', NOW], { cwd: ROOT });
  const json = JSON.parse((await runCli(['fixtures/jaffle-shop-leaky/target', '--json', '--now', NOW], { cwd: ROOT })).stdout);
  const total: number = json.summary.findings;
  const errors = json.findings.filter((f: { severity: string; suppressed?: unknown }) => f.severity === 'error' && !f.suppressed).length;

  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1000 });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warn' ? problems.push(`${m.type()}: ${m.text()}`) : undefined));
  page.on('pageerror', (e) => void problems.push(`page error: ${String(e)}`));
  page.on('request', (r) => void requests.push(r.url()));
  await page.goto(`file://${report}`, { waitUntil: 'load' });

  const shown = () => page.$eval('#shown', (e) => e.textContent);
  const visibleRows = () => page.$$eval('.view:not([hidden]) tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).length);

  t.test('renders from file:// with no request elsewhere and no console error', async (t) => {
    t.equal(run.code, 1, run.stderr);
    t.same(requests.filter((u) => !u.startsWith('file:')), [], 'nothing fetched from the network');
    t.same(problems, [], 'no console error or page error');
    t.match(await page.$eval('.headline', (e) => e.textContent), `${total} findings of ${json.summary.distinctSecrets} distinct secrets`);
    t.equal(await page.$$eval('.checklist li', (l) => l.length), json.summary.distinctSecrets, 'one checklist item per distinct secret');
    t.equal(await shown(), `Showing ${total} of ${total} findings`);
    t.equal(await visibleRows(), total);
  });

  t.test('the checklist is ordered static, short-lived, expired and links every rule to its docs', async (t) => {
    const classes = await page.$$eval('.checklist li', (l) => l.map((li) => li.className.replace('secret ', '')));
    const order = { static: 0, 'short-lived': 1, expired: 2 } as Record<string, number>;
    t.same(classes, [...classes].sort((a, b) => order[a]! - order[b]!));
    t.ok(classes.includes('short-lived'), 'the fixture has short-lived credentials (its JWT and SAS URL)');
    const hrefs = new Set(await page.$$eval('a[href^="http"]', (a) => a.map((x) => x.getAttribute('href'))));
    for (const rule of RULES.filter((r) => json.findings.some((f: { ruleId: string }) => f.ruleId === r.id))) t.ok(hrefs.has(rule.helpUri), `${rule.id} links to its docs`);
  });

  t.test('filters: severity, lifetime, rule, search, grouping, reset', async (t) => {
    await page.click('input[name="severity"][value="error"]');
    t.equal(await visibleRows(), total - errors, 'unticking error hides the errors');
    t.equal(await shown(), `Showing ${total - errors} of ${total} findings`);
    await page.click('#clear-filters');
    t.equal(await visibleRows(), total);

    await page.click('input[name="urgency"][value="static"]');
    const shortLived = json.findings.filter((f: { lifetime?: string; expired?: boolean }) => f.lifetime === 'short-lived' && !f.expired).length;
    t.equal(await visibleRows(), total - json.findings.filter((f: { lifetime?: string }) => f.lifetime === 'static').length, 'unticking static leaves the rest');
    t.ok(shortLived > 0);
    await page.click('#clear-filters');

    await page.select('#rule', 'env-metadata');
    t.equal(await visibleRows(), json.findings.filter((f: { ruleId: string }) => f.ruleId === 'env-metadata').length);
    await page.click('#clear-filters');

    await page.type('#q', 'github-classic-pat');
    t.equal(await visibleRows(), json.findings.filter((f: { detectorId: string }) => f.detectorId === 'github-classic-pat').length);
    t.ok(await page.$$eval('.view:not([hidden]) details.group', (g) => g.filter((x) => (x as HTMLElement).hidden).length > 0), 'groups without a match are hidden');
    await page.click('#clear-filters');

    await page.click('input[name="view"][value="node"]');
    t.equal(await page.$eval('.view[data-view="node"]', (v) => (v as HTMLElement).hidden), false, 'the node view shows');
    t.equal(await page.$eval('.view[data-view="secret"]', (v) => (v as HTMLElement).hidden), true, 'the secret view hides');
    t.equal(await visibleRows(), total, 'every finding once in the node view');
    await page.click('input[name="view"][value="rule"]');
    t.equal(await visibleRows(), total, 'every finding once in the rule view');
    await page.click('#clear-filters');

    const secret = await page.$eval('a.show-secret', (a) => a.getAttribute('data-secret')!);
    await page.click('a.show-secret');
    t.equal(await visibleRows(), json.findings.filter((f: { secretId?: string }) => f.secretId === secret).length, "a checklist item's link shows its findings");
    await page.click('#clear-filters');
    t.same(problems, [], 'no console error while filtering');
  });

  t.test('print style hides the controls and keeps the findings', async (t) => {
    await page.emulateMediaType('print');
    t.equal(await page.$eval('#filters', (e) => getComputedStyle(e).display), 'none');
    t.not(await page.$eval('.checklist', (e) => getComputedStyle(e).display), 'none');
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    t.ok(pdf.length > 10_000, 'prints to a PDF');
    await page.emulateMediaType('screen');
  });

  t.test('docs/report-sample.png', async (t) => {
    const png = path.join(ROOT, 'docs', 'report-sample.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    if (process.env.UPDATE_SCREENSHOT === '1' || !existsSync(png)) await page.screenshot({ path: png, fullPage: false });
    t.ok(existsSync(png));
  });
}
