// Browser check of the embedded Hawtio console, as an operator would use it: open the console,
// get sent to the login form, log in with gateway.admin.*, open the Camel routes view and read the
// route ids and their statistics, browse the dead-letter queue from the JMX tree, and see that the
// Runtime view does not show the JVM's system properties (they carry the command line's password).
//
//   HAWTIO_URL=http://127.0.0.1:8080/actuator/hawtio HAWTIO_USER=admin HAWTIO_PASSWORD=... \
//     node e2e/hawtio-check.mjs [--expect-route route-conversation] [--screenshot out.png]
//
// Exits 0 when every step passed, 1 with the failed step otherwise. run.sh starts a gateway for it.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.HAWTIO_URL },
    user: { type: 'string', default: process.env.HAWTIO_USER ?? 'admin' },
    password: { type: 'string', default: process.env.HAWTIO_PASSWORD },
    'expect-route': { type: 'string', default: process.env.EXPECT_ROUTE },
    screenshot: { type: 'string', default: process.env.SCREENSHOT ?? 'e2e/out/hawtio-camel-routes.png' },
  },
});
if (!args.url || !args.password) {
  console.error('hawtio-check: set HAWTIO_URL and HAWTIO_PASSWORD (or --url, --password)');
  process.exit(2);
}
const consoleUrl = args.url.replace(/\/+$/, '');
const STEP_TIMEOUT_MS = 30_000;

class CheckFailed extends Error {}
function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

const profile = mkdtempSync(join(tmpdir(), 'hawtio-check-profile-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
  viewport: { width: 1400, height: 900 },
});
browser.setDefaultTimeout(STEP_TIMEOUT_MS);
const page = browser.pages()[0] ?? (await browser.newPage());
const forbidden = [];
page.on('response', (r) => {
  // Hawtio asks for optional files that may be absent (404); a 401/403 means the login did not hold
  if (r.status() === 401 || r.status() === 403) forbidden.push(`${r.status()} ${r.request().method()} ${r.url()}`);
});

let exitCode = 0;
try {
  // 1. not logged in: the console must not render, the login form must
  const first = await page.goto(consoleUrl);
  check(first !== null, `no response from ${consoleUrl}`);
  check(new URL(page.url()).pathname.endsWith('/login'),
    `expected a redirect to the login form, got ${page.url()} (HTTP ${first.status()})`);
  check(await page.locator('input[type=password]').count() === 1, 'the login page has no password field');
  console.log(`ok   anonymous ${consoleUrl} -> ${page.url()}`);

  // 2. log in; Spring Security sends the browser back to the console
  await page.fill('input[name=username]', args.user);
  await page.fill('input[name=password]', args.password);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.pathname.startsWith(new URL(consoleUrl).pathname), { timeout: STEP_TIMEOUT_MS });
  console.log(`ok   logged in as ${args.user}, at ${page.url()}`);

  // 3. Camel plugin: the routes folder of the context, then the Routes tab (ids with statistics)
  await page.getByRole('link', { name: 'Camel', exact: true }).click();
  await page.getByRole('treeitem').getByText('routes', { exact: true }).first().click();
  await page.getByRole('link', { name: 'Routes', exact: true }).click();
  const table = page.getByRole('grid', { name: 'Camel routes table' });
  await table.locator('tbody tr').first().waitFor();
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim()).filter(Boolean);
  for (const column of ['Name', 'State', 'Completed', 'Failed', 'Total', 'InFlight']) {
    check(headers.includes(column), `routes table lacks the ${column} column (has ${headers.join(', ')})`);
  }
  const nameColumn = headers.indexOf('Name') + 1; // the first cell is the row's checkbox
  const rows = await table.locator('tbody tr').evaluateAll((trs, col) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.innerText.trim())), nameColumn);
  const routeIds = rows.map((cells) => cells[nameColumn]).filter(Boolean);
  check(routeIds.length > 0, 'the Camel routes view lists no route');
  if (args['expect-route']) {
    check(routeIds.includes(args['expect-route']),
      `route ${args['expect-route']} is not listed (listed: ${routeIds.join(', ')})`);
  }
  console.log(`ok   Camel routes view lists ${routeIds.length} route(s):`);
  for (const cells of rows) {
    const stat = (name) => cells[headers.indexOf(name) + 1];
    console.log(`       ${stat('Name')}  state=${stat('State')} completed=${stat('Completed')}`
      + ` failed=${stat('Failed')} total=${stat('Total')} inflight=${stat('InFlight')}`);
  }
  mkdirSync(dirname(args.screenshot), { recursive: true });
  await page.screenshot({ path: args.screenshot });
  console.log(`ok   screenshot ${args.screenshot}`);

  // 4. JMX tree: the embedded broker's dead-letter queue is there to browse
  await page.getByRole('link', { name: 'JMX', exact: true }).click();
  await page.locator('#input-search').fill('guest.routing.dlq');
  // the queue node (under addresses/guest.routing.dlq/queues/anycast), not the address node
  const dlq = page.locator('li[role=treeitem][id$="queues-anycast-guest.routing.dlq"]');
  await dlq.waitFor();
  await dlq.locator('.pf-v6-c-tree-view__node').first().click();
  await page.getByRole('link', { name: 'Operations', exact: true }).click();
  // expand the browse() operation and run it: an empty queue answers with an empty list
  const browseOp = page.locator('li', { has: page.getByText('browse()', { exact: true }) }).first();
  await browseOp.locator('button').first().click();
  await browseOp.getByRole('button', { name: 'Execute' }).click();
  await browseOp.getByText('[]').first().waitFor();
  const queueShot = args.screenshot.replace(/\.png$/, '') + '-artemis-dlq.png';
  await page.screenshot({ path: queueShot });
  console.log(`ok   JMX tree has queue guest.routing.dlq; its browse() ran and listed the (empty) queue; screenshot ${queueShot}`);

  check(forbidden.length === 0, `requests refused after login: ${forbidden.join('; ')}`);

  // 5. Runtime > System properties: the JVM's properties carry the command line, so Jolokia refuses
  //    them (JolokiaSecretsRestrictor); whatever the page shows must not contain the password
  await page.getByRole('link', { name: 'Runtime', exact: true }).click();
  await page.getByText('403: Reading attribute SystemProperties is forbidden', { exact: false }).first().waitFor();
  const runtimeText = await page.locator('body').innerText();
  check(!runtimeText.includes(args.password), 'the Runtime view shows the admin password');
  console.log('ok   Runtime view: system properties refused (403), no password on the page');
  console.log('PASS hawtio-check');
} catch (e) {
  exitCode = 1;
  const failShot = args.screenshot.replace(/\.png$/, '') + '-failure.png';
  await page.screenshot({ path: failShot }).catch(() => {});
  console.error(`FAIL hawtio-check: ${e instanceof CheckFailed ? e.message : e.stack}`);
  console.error(`     page ${page.url()}, screenshot ${failShot}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
