// Browser check of the embedded Hawtio console, as an operator would use it: open the console,
// get sent to the login form, log in with gateway.admin.*, read the Camel routes table, open the
// route diagrams of route-conversation and call-routing-api and check that their nodes are drawn,
// read route-conversation's Source tab, browse the routing dead-letter queue from the JMX tree, and
// see that the Runtime view does not show the JVM's system properties (they carry the command line's
// password). Any error notice the console shows, and any Jolokia call that fails inside the
// gateway, fails the check.
//
//   HAWTIO_URL=http://127.0.0.1:8080/actuator/hawtio HAWTIO_USER=admin HAWTIO_PASSWORD=... \
//     node e2e/hawtio-check.mjs [--expect-route route-conversation] [--out e2e/out]
//
// Exits 0 when every step passed, 1 with the failed step otherwise; screenshots of each view land
// in the --out folder. run.sh starts a gateway for it.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.HAWTIO_URL },
    user: { type: 'string', default: process.env.HAWTIO_USER ?? 'admin' },
    password: { type: 'string', default: process.env.HAWTIO_PASSWORD },
    'expect-route': { type: 'string', default: process.env.EXPECT_ROUTE },
    out: { type: 'string', default: process.env.OUT ?? 'e2e/out' },
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
const jolokiaFailures = [];
page.on('response', async (r) => {
  // Hawtio asks for optional files that may be absent (404); a 401/403 means the login did not hold
  if (r.status() === 401 || r.status() === 403) forbidden.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  // Jolokia answers HTTP 200 with one status per request inside; a 500 there is an exception in the
  // gateway (a route dump that failed, an operation that threw): the console would show a broken view
  if (r.url().includes('/jolokia') && r.status() === 200) {
    const answers = await r.json().catch(() => null);
    for (const a of [answers].flat()) {
      if (a && a.status >= 500) jolokiaFailures.push(`${a.status} ${a.request?.type} ${a.request?.mbean ?? ''} ${a.request?.operation ?? ''}: ${String(a.error).slice(0, 200)}`);
    }
  }
});
mkdirSync(args.out, { recursive: true });
const shot = async (name) => {
  const path = join(args.out, `${name}.png`);
  await page.screenshot({ path });
  return path;
};
// PatternFly alerts of the danger or warning kind, and the texts Hawtio's Camel views put in their
// place when a route dump fails
async function assertNoErrorNotice(where) {
  const alerts = await page.locator('.pf-v6-c-alert.pf-m-danger, .pf-v6-c-alert.pf-m-warning').allInnerTexts();
  check(alerts.length === 0, `${where}: the console shows an error notice: ${alerts.join(' | ')}`);
  const body = await page.locator('body').innerText();
  for (const notice of ['Could not locate any XML', 'An error occurred', 'Failed to load']) {
    check(!body.includes(notice), `${where}: the console says "${notice}"`);
  }
  check(jolokiaFailures.length === 0, `${where}: Jolokia calls failed in the gateway: ${jolokiaFailures.join('; ')}`);
}
async function openRoute(routeId, tab) {
  await page.getByRole('link', { name: 'Camel', exact: true }).click();
  await page.getByRole('treeitem').getByText(routeId, { exact: true }).first().click();
  // the tabs are drawn again when the selection changes: a click that lands on the old ones is
  // lost (the page stays where it was), so click until the page is the tab's, at most 3 times
  const link = page.getByRole('link', { name: tab, exact: true });
  for (let attempt = 1; ; attempt++) {
    await link.click();
    const href = await link.getAttribute('href');
    if (href === null) {
      return;
    }
    const path = new URL(href, page.url()).pathname;
    try {
      await page.waitForURL((url) => url.pathname === path, { timeout: 5000 });
      return;
    } catch (e) {
      if (attempt === 3) {
        throw new Error(`the ${tab} tab of ${routeId} did not open after 3 clicks (page ${page.url()})`);
      }
    }
  }
}
async function diagramNodes(routeId, expected) {
  await openRoute(routeId, 'Route Diagram');
  const nodes = page.locator('.react-flow__node');
  await nodes.filter({ hasText: `(ID: ${expected[expected.length - 1]})` }).first().waitFor();
  const texts = (await nodes.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  for (const id of expected) {
    check(texts.some((t) => t.includes(`(ID: ${id})`)), `the diagram of ${routeId} has no node ${id} (drawn: ${texts.join(' / ')})`);
  }
  await assertNoErrorNotice(`diagram of ${routeId}`);
  return texts;
}

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
  // the folder opens on the diagram of every route, error handling included: on two cores headless
  // Chromium may take a while to lay it out before it switches to the table
  // (a click that lands while it is still busy is clicked again: at most four tries)
  const opened = Date.now();
  const table = page.getByRole('grid', { name: 'Camel routes table' });
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('link', { name: 'Routes', exact: true }).click();
    try {
      await table.locator('tbody tr').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      break;
    } catch (e) {
      if (attempt === 4) throw e;
    }
  }
  console.log(`ok   routes table shown ${((Date.now() - opened) / 1000).toFixed(1)} s after the Routes tab was clicked`);
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
  await assertNoErrorNotice('routes table');
  console.log(`ok   screenshot ${await shot('hawtio-camel-routes')}`);

  // 4. route diagrams, drawn from the context's XML route dump: the conversation route with its
  //    concurrent-calls throttle, and the Task Routing call behind the circuit breaker
  const conversation = await diagramNodes('route-conversation',
    ['consume-guest-routing', 'once-per-conversation', 'cap-concurrent-calls', 'call-routing-api-once']);
  check(conversation.some((t) => t.includes('Throttle') && t.includes('cap-concurrent-calls')),
    'the throttle node of route-conversation is not drawn as a Throttle');
  console.log(`ok   route-conversation diagram: ${conversation.length} nodes; screenshot ${await shot('route-conversation-diagram')}`);
  const call = await diagramNodes('call-routing-api', ['routing-circuit-breaker', 'build-routing-request', 'post-routing-task']);
  check(call.some((t) => t.includes('Circuit Breaker') && t.includes('routing-circuit-breaker')),
    'the circuit breaker of call-routing-api is not drawn as a Circuit Breaker');
  console.log(`ok   call-routing-api diagram: ${call.length} nodes; screenshot ${await shot('call-routing-api-diagram')}`);

  // 5. the Source tab shows route-conversation as XML, the concurrent throttle included
  await openRoute('route-conversation', 'Source');
  const source = page.locator('.view-lines, pre, code').filter({ hasText: 'route-conversation' }).first();
  await source.waitFor();
  // the editor draws only the lines in view (the route's error handling comes first): page down
  // through it, at most 40 pages, gathering what it drew
  const pieces = ['id="route-conversation"', 'mode="ConcurrentRequests"', 'uri="direct:call-routing-api"'];
  let xml = (await source.innerText()).replace(/\u00a0/g, ' ');
  const editor = page.locator('.monaco-editor').first();
  if (await editor.count()) {
    await editor.locator('.view-lines').first().click();
    await page.keyboard.press('Control+Home');
    const drawn = () => editor.locator('.view-lines').first().innerText();
    for (let i = 0; i < 40 && !pieces.every((piece) => xml.includes(piece)); i++) {
      const before = await drawn();
      await page.keyboard.press('PageDown');
      // the editor redraws on a later animation frame; at the end of the text nothing changes
      await page.waitForFunction((text) => document.querySelector('.monaco-editor .view-lines')?.innerText !== text,
        before, { timeout: 2000 }).catch(() => {});
      xml += '\n' + (await drawn()).replace(/\u00a0/g, ' ');
    }
  }
  for (const piece of pieces) {
    check(xml.includes(piece), `the Source tab of route-conversation lacks ${piece}`);
  }
  await assertNoErrorNotice('Source tab of route-conversation');
  console.log(`ok   route-conversation Source tab shows its XML; screenshot ${await shot('route-conversation-source')}`);

  // 6. JMX tree: io.guestgateway > DeadLetters > guest.routing.dlq, its browse() says what it holds
  await page.getByRole('link', { name: 'JMX', exact: true }).click();
  const expand = async (item) => item.locator(':scope > div button.pf-v6-c-tree-view__node-toggle').first().click();
  const ours = page.locator('li[role=treeitem][id="io.guestgateway-folder"]');
  await expand(ours);
  const deadLetters = ours.locator('li[role=treeitem]', { has: page.getByText('DeadLetters', { exact: true }) }).first();
  await expand(deadLetters);
  await deadLetters.getByText('guest.routing.dlq', { exact: true }).click();
  await page.getByRole('link', { name: 'Operations', exact: true }).click();
  const browseOp = page.locator('li', { has: page.getByText('browse()', { exact: true }) }).first();
  await browseOp.locator('button').first().click();
  await browseOp.getByRole('button', { name: 'Execute' }).click();
  await browseOp.getByText('guest.routing.dlq is empty: no dead letters.').first().waitFor();
  await assertNoErrorNotice('dead-letter queue view');
  console.log(`ok   JMX io.guestgateway > DeadLetters > guest.routing.dlq: browse() says it is empty; screenshot ${await shot('dead-letters-routing')}`);

  check(forbidden.length === 0, `requests refused after login: ${forbidden.join('; ')}`);

  // 7. Runtime > System properties: the JVM's properties carry the command line, so Jolokia refuses
  //    them (JolokiaSecretsRestrictor); whatever the page shows must not contain the password
  await page.getByRole('link', { name: 'Runtime', exact: true }).click();
  await page.getByText('403: Reading attribute SystemProperties is forbidden', { exact: false }).first().waitFor();
  const runtimeText = await page.locator('body').innerText();
  check(!runtimeText.includes(args.password), 'the Runtime view shows the admin password');
  console.log('ok   Runtime view: system properties refused (403), no password on the page');
  console.log('PASS hawtio-check');
} catch (e) {
  exitCode = 1;
  const failShot = join(args.out, 'failure.png');
  await page.screenshot({ path: failShot }).catch(() => {});
  console.error(`FAIL hawtio-check: ${e instanceof CheckFailed ? e.message : e.stack}`);
  console.error(`     page ${page.url()}, screenshot ${failShot}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
