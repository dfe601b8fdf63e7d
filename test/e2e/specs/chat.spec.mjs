// Issue 5 as a user sees it: chat in the Switchboard view with the demo providers, a fault
// injected from the palette, the failover notice, the status bar, Switch Provider, the dashboard.
import { join } from 'node:path';
import { chat, openChat, palette, statusItem, statusTooltip, until, webviewFrame } from '../lib/workbench.mjs';

const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};

/** Shared between steps. */
const state = {};

export const steps = [
  ['the workbench loads with the Switchboard status item naming the first demo provider', async ({ page }) => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const s = await until(async () => {
      const st = await statusItem(page);
      return /Demo OpenAI/.test(st.text) && st;
    }, 'the status item to name Demo OpenAI', 60_000, 200);
    assert(!s.warning && !s.error, `status starts healthy, got ${s.cls}`);
    return `status "${s.text.trim()}"`;
  }],

  ['Enter sends; the reply streams in, labelled with Demo OpenAI', async ({ page }) => {
    state.chat = chat(await openChat(page));
    const c = state.chat;
    const turn = await c.send('Hello Switchboard');
    const seen = new Set();
    await until(async () => {
      const streaming = (await turn.locator('.turn-footer .streaming').count()) > 0;
      const len = (await c.text(turn)).length;
      if (streaming && len > 0) seen.add(len);
      return !streaming && len > 0;
    }, 'the streamed answer', 20_000, 30);
    await c.settled(turn);
    assert(seen.size >= 2, `expected to see the answer grow while streaming, saw lengths ${[...seen]}`);
    const labels = await c.providers(turn);
    assert(labels.join() === 'Demo OpenAI', `answered by ${labels}`);
    assert(/comes from Demo OpenAI/.test(await c.text(turn)), 'the demo text names its provider');
    return `${seen.size} partial renders before the end`;
  }],

  ['Inject Demo Fault (palette): Demo OpenAI answers 529, the next reply comes from Demo Anthropic with a notice', async ({ page, results }) => {
    await palette(page, 'Switchboard: Inject Demo Fault', ['Demo OpenAI', '529 Overloaded']);
    const c = state.chat;
    const turn = await c.settled(await c.send('Are you still there?'));
    const labels = await c.providers(turn);
    assert(labels[labels.length - 1] === 'Demo Anthropic', `answered by ${labels}`);
    const notice = turn.locator('.notice-fell_back');
    assert((await notice.count()) === 1, 'a visible fell-back notice');
    const text = await notice.innerText();
    assert(/Demo OpenAI failed/.test(text) && /overloaded/i.test(text), `notice says "${text}"`);
    assert(await notice.isVisible(), 'the notice is visible');
    assert(await c.endVisible(turn), 'the end of the new answer is scrolled into view, above the composer');
    await page.screenshot({ path: join(results, 'chat.png') });
    return `notice "${text}"`;
  }],

  ['the status bar turns to the warning background, and its tooltip says why', async ({ page, results }) => {
    // One failure is a blip; the provider counts as degraded after a few in a row. Keep chatting
    // (each reply still arrives, from the fallback) until the status bar says so.
    const c = state.chat;
    let s = await statusItem(page);
    for (let i = 0; !s.warning && i < 4; i++) {
      const turn = await c.settled(await c.send(`Still failing over? (${i + 1})`));
      const labels = await c.providers(turn);
      assert(labels[labels.length - 1] === 'Demo Anthropic', `answered by ${labels}`);
      s = await until(async () => {
        const st = await statusItem(page);
        return st.warning && st;
      }, 'the warning background', 1000, 100).catch(() => statusItem(page));
      state.extraTurns = i + 1;
    }
    assert(s?.warning, 'the status bar never turned to warning');
    const { text } = await statusTooltip(page);
    assert(/routing: automatic \(my order\)/.test(text), `tooltip: ${text}`);
    const row = text.split('\n').find((l) => /Demo OpenAI/.test(l)) ?? '';
    assert(/degraded|cooling down|down/.test(row), `Demo OpenAI row: "${row}"`);
    assert(/Demo Anthropic/.test(text) && /healthy/.test(text), 'the tooltip lists the healthy fallback');
    const vp = page.viewportSize();
    await page.screenshot({
      path: join(results, 'status.png'),
      clip: { x: vp.width - 760, y: vp.height - 330, width: 760, height: 330 },
    });
    await page.mouse.move(vp.width / 2, vp.height / 2);
    return `after ${state.extraTurns ?? 0} more failover(s): "${s.text.trim()}" (${s.background}); ${row.replace(/\s+/g, ' ').trim()}`;
  }],

  ['Switch Provider (palette) pins Demo Cohere, and it answers', async ({ page }) => {
    await palette(page, 'Switchboard: Switch Provider', ['Demo Cohere']);
    await until(async () => /Demo Cohere/.test((await statusItem(page)).text), 'the status item to show Demo Cohere');
    const c = state.chat;
    const turn = await c.settled(await c.send('Who is answering now?'));
    const labels = await c.providers(turn);
    assert(labels.join() === 'Demo Cohere', `answered by ${labels}`);
  }],

  ['Open Health Dashboard (palette) shows the failover event and the provider cards', async ({ page, results }) => {
    await palette(page, 'Switchboard: Open Health Dashboard');
    const frame = await webviewFrame(page, '#events');
    const events = await until(async () => {
      const t = await frame.locator('#events').innerText();
      return /Fell back from (demo-openai|Demo OpenAI) to (demo-anthropic|Demo Anthropic) \(overloaded\)/.test(t) && t;
    }, 'the failover in the event log', 10_000, 200).catch(async (e) => {
      throw new Error(`${e.message}; the log shows:\n${(await frame.locator('#events').innerText()).slice(0, 600)}`);
    });
    const line = events.split('\n').find((l) => /Fell back/.test(l));
    assert(/Demo OpenAI: healthy → degraded/.test(events), 'the log shows Demo OpenAI turning degraded');
    const cards = await frame.locator('#cards').innerText();
    for (const name of ['Demo OpenAI', 'Demo Anthropic', 'Demo Cohere'])
      assert(cards.includes(name), `card for ${name}`);
    await page.screenshot({ path: join(results, 'dashboard.png') });
    await palette(page, 'View: Close All Editors');
    return `event "${line.trim()}"`;
  }],

  ['heal Demo OpenAI and go back to automatic routing (palette)', async ({ page }) => {
    await palette(page, 'Switchboard: Inject Demo Fault', ['Demo OpenAI', 'Heal']);
    await palette(page, 'Switchboard: Switch Provider', ['Automatic (my order)']);
    await palette(page, 'Switchboard: Reset Provider', ['Demo OpenAI']);
    const c = state.chat;
    const turn = await c.settled(await c.send('Back to normal?'));
    const labels = await c.providers(turn);
    assert(labels.join() === 'Demo OpenAI', `answered by ${labels}`);
  }],
];
