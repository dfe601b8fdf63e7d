// Issue 14 as a user sees it in the browser: a fire drill is named inline in the chat, and the
// status item, its tooltip and the dashboard card say the same words; Run Health Check names
// each provider; the pin shows in the status bar; npm start's launch options forward no ports.
// Runs after chat.spec (demo providers, automatic routing, a conversation in the view).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chat, openChat, palette, statusItem, statusTooltip, until, webviewFrame } from '../lib/workbench.mjs';

const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};
const state = {};

/** The text of a notification (toast, or the notification center when the toast is gone) matching `re`. */
async function notification(page, re, timeoutMs = 10_000) {
  return until(async () => {
    for (const t of await page.locator('.notification-list-item-message').allInnerTexts()) if (re.test(t)) return t;
    return undefined;
  }, `a notification matching ${re}`, timeoutMs, 200).catch(async (e) => {
    await palette(page, 'Notifications: Show Notifications');
    const texts = await page.locator('.notifications-center .notification-list-item-message').allInnerTexts();
    const hit = texts.find((t) => re.test(t));
    if (hit) return hit;
    throw new Error(`${e.message}; notifications: ${JSON.stringify(texts)}`);
  });
}

export const steps = [
  ["npm start's launch options: the demo servers are not listed as forwarded ports", async ({ page }) => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await palette(page, 'Ports: Focus on Ports View');
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Ports/ }) }).first();
    await view.waitFor({ state: 'visible', timeout: 10_000 });
    const body = await until(async () => {
      const t = await view.locator('.pane-body').innerText();
      return /Forward a Port|No forwarded ports/i.test(t) && t;
    }, 'the Ports view to render', 10_000, 200);
    assert(!/127\.0\.0\.1:\d+|localhost:\d+/.test(body), `the Ports view lists: ${body}`);
    await palette(page, 'View: Hide Panel');
    return `Ports view: "${body.replace(/\s+/g, ' ').trim().slice(0, 80)}"`;
  }],

  ['Simulate Outage (palette): the next answer says "Demo OpenAI is in a fire drill; Demo Anthropic answered."', async ({ page, results }) => {
    state.chat = chat(await openChat(page));
    const c = state.chat;
    await palette(page, 'Switchboard: Simulate Outage', ['Demo OpenAI', { text: '2' }]);
    await notification(page, /fire drill: Demo OpenAI fails for 2 min/);
    const turn = await c.settled(await c.send('Who answers during the drill?'));
    const labels = await c.providers(turn);
    assert(labels.join() === 'Demo Anthropic', `answered by ${labels}`);
    const notice = turn.locator('.notice-skipped');
    assert((await notice.count()) === 1, 'a visible skipped notice');
    const text = (await notice.innerText()).trim();
    assert(text === 'Demo OpenAI is in a fire drill; Demo Anthropic answered.', `notice says "${text}"`);
    await page.screenshot({ path: join(results, 'views-drill-chat.png') });
    return `notice "${text}"`;
  }],

  ['the status item names who answered and shows the drill; the tooltip and the dashboard card both say "fire drill"', async ({ page, results }) => {
    const s = await until(async () => {
      const st = await statusItem(page);
      return /Demo Anthropic/.test(st.text) && st;
    }, 'the status item to name Demo Anthropic', 5000, 200);
    assert((await s.item.locator('.codicon-flame').count()) === 1, 'the flame shows while a drill runs');
    const { text } = await statusTooltip(page);
    const row = text.split('\n').find((l) => l.trim().startsWith('Demo OpenAI')) ?? '';
    assert(/fire drill, (2 min|1 min \d+ s) left/.test(row), `tooltip row: "${row}" in ${text}`);
    assert(/closed/.test(row) && !/open/.test(row.replace(/Demo OpenAI/, '')), `the breaker column agrees: "${row}"`);
    assert(/Last answer: Demo Anthropic/.test(text), 'the tooltip says who answered last');
    const vp = page.viewportSize();
    const clip = { x: vp.width - 760, y: vp.height - 360, width: 760, height: 360 };
    await page.screenshot({ path: join(results, 'views-drill-status.png'), clip });
    await page.mouse.move(vp.width / 2, vp.height / 2);

    await palette(page, 'Switchboard: Open Health Dashboard');
    const frame = await webviewFrame(page, '#events');
    const card = frame.locator('article.card', { hasText: 'Demo OpenAI' });
    const badge = await until(async () => {
      const t = await card.locator('.badge').innerText();
      return /fire drill/.test(t) && t;
    }, 'the card badge to say fire drill', 10_000, 200);
    const breaker = await card.locator('dt:text-is("Breaker") + dd').innerText();
    assert(breaker === 'closed', `the card's Breaker row says "${breaker}"`);
    const events = await frame.locator('#events').innerText();
    assert(/Passed over Demo OpenAI \(fire drill\)/.test(events), `event log: ${events.slice(0, 400)}`);
    assert(/Demo OpenAI: healthy → fire drill/.test(events), 'the state change reads in the same words');
    await page.screenshot({ path: join(results, 'views-dashboard.png') });
    await palette(page, 'View: Close All Editors');
    return `card "${badge}", breaker "${breaker}"; tooltip "${row.replace(/\s+/g, ' ').trim()}"`;
  }],

  ['Run Health Check (palette) names each provider; ending the drill and Switch Provider confirm what they did; the pin shows', async ({ page }) => {
    await palette(page, 'Switchboard: Simulate Outage', ['Demo OpenAI', { text: '0' }]);
    await notification(page, /the fire drill on Demo OpenAI ended/);
    await palette(page, 'Switchboard: Run Health Check');
    const summary = await notification(page, /Health check:/, 20_000);
    for (const name of ['Demo OpenAI', 'Demo Anthropic', 'Demo Cohere']) {
      assert(new RegExp(`${name}: OK, first token`).test(summary), `${name} in "${summary}"`);
    }
    await palette(page, 'Switchboard: Switch Provider', ['Demo Cohere']);
    await notification(page, /pinned to Demo Cohere \(a demo provider\)/);
    const s = await until(async () => {
      const st = await statusItem(page);
      return /Demo Cohere/.test(st.text) && (await st.item.locator('.codicon-pinned').count()) === 1 && st;
    }, 'the pinned status item', 5000, 200);
    await palette(page, 'Switchboard: Switch Provider', ['Automatic (my order)']);
    return `"${summary}"; status "${s.text.trim()}"`;
  }],

  ['the picker, Regenerate and Edit: the last answer again on Demo Cohere, then a message edited and resent; each answer shows its tokens', async ({ page, results }) => {
    const c = state.chat;
    const last = c.last();
    const tokens = await last.locator('.usage').innerText();
    assert(/^[\d,]+ tokens in · [\d,]+ out$/.test(tokens.trim()), `usage line: "${tokens}"`);
    const picker = c.frame.locator('#provider');
    const options = await picker.locator('option').allInnerTexts();
    assert(options.join() === 'Automatic,Demo OpenAI,Demo Anthropic,Demo Cohere,Demo chain', `picker offers ${options}`);
    const chains = await picker.locator('optgroup[label="Fallback chains"] option').allInnerTexts();
    assert(chains.join() === 'Demo chain', `the chain group holds ${chains}`);
    await picker.selectOption({ label: 'Demo Cohere' });
    const before = await c.count();
    await last.locator('[data-regenerate]').click();
    const regenerated = async () =>
      (await c.providers(c.last())).join() === 'Demo Cohere' && (await c.count()) === before;
    await until(regenerated, 'the regenerated answer from Demo Cohere', 15_000, 100);
    await c.settled(c.last());
    const users = c.frame.locator('article.turn.user');
    const n = await users.count();
    await users.nth(n - 1).locator('[data-edit]').click();
    const input = c.frame.locator('#input');
    assert((await input.inputValue()) === 'Who answers during the drill?', `the composer took the message: "${await input.inputValue()}"`);
    await input.fill('Who answers now, edited?');
    await input.press('Enter');
    const edited = async () => (await users.nth(n - 1).innerText()).includes('Who answers now, edited?');
    await until(edited, 'the edited message in place', 10_000, 100);
    await c.settled(c.last());
    assert((await users.count()) === n && (await c.count()) === before, 'the edit replaced the message and its answer');
    assert((await c.providers(c.last())).join() === 'Demo Cohere', 'the chat keeps its picked provider');
    await page.screenshot({ path: join(results, 'views-picker.png') });
    await picker.selectOption({ label: 'Automatic' });
    return `tokens "${tokens.trim()}"; picker ${options.join(' / ')}`;
  }],

  ['Ctrl+Alt+N starts a new chat; the empty state explains demo mode and its actions work', async ({ page, results }) => {
    const c = state.chat;
    assert((await c.count()) > 0, 'the view has answers before');
    await c.frame.locator('#input').click();
    await page.keyboard.press('Control+Alt+N');
    const empty = c.frame.locator('.empty');
    await empty.waitFor({ state: 'visible', timeout: 5000 });
    assert((await c.count()) === 0, 'the new chat is empty');
    const text = await empty.innerText();
    assert(/Demo mode\./.test(text) && /127\.0\.0\.1/.test(text), `empty state: ${text}`);
    const buttons = await empty.locator('button').allInnerTexts();
    assert(buttons.join() === 'Set API Key,Detect Ollama,Try a Fire Drill', `actions: ${buttons}`);
    await page.screenshot({ path: join(results, 'views-empty.png') });
    await empty.getByRole('button', { name: 'Try a Fire Drill' }).click();
    const title = page.locator('.quick-input-widget .quick-input-title');
    await until(async () => /Simulate Outage/.test(await title.innerText().catch(() => '')), 'the fire drill picker', 5000, 100);
    await page.keyboard.press('Escape');
    return `actions: ${buttons.join(' · ')}`;
  }],

  ['Ctrl+Alt+/ brings the chat back with the cursor in the message box', async ({ page }) => {
    await palette(page, 'View: Close Primary Side Bar');
    const title = page.locator('.sidebar .composite.title', { hasText: 'Switchboard' });
    await until(async () => !(await title.isVisible()), 'the side bar to close', 5000, 100);
    await page.locator('.monaco-workbench').click({ position: { x: 640, y: 400 } });
    await page.keyboard.press('Control+Alt+/');
    const frame = await webviewFrame(page, '#composer');
    const focused = () => frame.evaluate(() => document.hasFocus() && document.activeElement?.id === 'input');
    await until(focused, 'the message box to have focus', 8000, 100);
    state.chat = chat(frame);
  }],
];

/** The code-server log never mentions the extension gallery (open-vsx): nothing asked for it. */
export function galleryRequests(server) {
  const log = readFileSync(server.dirs.log, 'utf8');
  return log.split('\n').filter((l) => /open-vsx|marketplace\.visualstudio/i.test(l));
}
