// Issue 7 as a user would notice it: a provider whose answers are hostile (markdown images, raw
// HTML, scripts, javascript: links, CSS tricks, a 5 MB answer) cannot make the chat view run
// code, fetch anything, open a link without consent, or stop answering. Also: Stop within
// ~100 ms, and a window reload keeps the history and the draft.
// The provider is a loopback server owned by the runner, added to settings.json like a user would.
import { chat, openChat, palette, sleep, until, useScriptedProvider } from '../lib/workbench.mjs';

const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};
const state = {};
const FIVE_MB = Math.round((Number(process.env.SWITCHBOARD_E2E_HUGE_MB) || 5) * 1024 * 1024);

function hostileAnswer(canary) {
  const C = canary.origin;
  return [
    '# A perfectly normal answer',
    `![tracking pixel](${C}/md-image.png)`,
    `<img src="${C}/raw-img.png" onerror="window.__pwned='img'">`,
    '<img src="http://203.0.113.7/remote.png">',
    '<script>window.__pwned = "script"; alert("pwned")</script>',
    "[innocent link](javascript:window.__pwned='js-link')",
    '[data link](data:text/html,<script>alert(1)</script>)',
    '[settings](command:workbench.action.openSettings)',
    `<a href="${C}/raw-link">raw html link</a>`,
    `<style>body{background:url(${C}/css-bg.png)} .turn{display:none}</style>`,
    `<div style="position:fixed;inset:0;background:url(${C}/inline-style.png)">overlay</div>`,
    `<iframe src="${C}/frame"></iframe>`,
    `<svg onload="window.__pwned='svg'"><image href="${C}/svg.png"/></svg>`,
    `<meta http-equiv="refresh" content="0;url=${C}/meta">`,
    `<link rel="stylesheet" href="${C}/link.css">`,
    `<form action="${C}/form"><button>Submit</button></form>`,
    '[Docs](https://example.com/docs)',
    'The end.',
  ].join('\n\n');
}

/** ~5 MB of markdown with hostile bits on every line, streamed in 16 KB tokens. */
function hugeAnswer(canary) {
  const line = `Lorem ipsum dolor sit amet, **consectetur** adipiscing <img src=${canary.origin}/big.png> [x](javascript:window.__pwned=9) ![i](http://203.0.113.7/big.png) \`code\`\n`;
  const text = line.repeat(Math.ceil(FIVE_MB / line.length)).slice(0, FIVE_MB - 20) + '\n\nEND-OF-HUGE-ANSWER';
  const tokens = [];
  for (let i = 0; i < text.length; i += 16 * 1024) tokens.push(text.slice(i, i + 16 * 1024));
  return { text, tokens };
}

/** Everything in every frame that hostile output must not produce. */
async function pwnedAnywhere(page) {
  const out = [];
  for (const f of page.frames()) {
    const v = await f.evaluate(() => window.__pwned).catch(() => undefined);
    if (v !== undefined) out.push(`${f.url().slice(0, 60)}: ${v}`);
  }
  return out;
}

export const steps = [
  ['a local provider added to settings.json shows up, and Switch Provider (palette) pins it', async ({ page, dirs, scripted }) => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    state.chat = chat(await openChat(page));
    await useScriptedProvider(page, dirs, scripted);
    const c = state.chat;
    scripted.reset();
    const turn = await c.settled(await c.send('Hello, local provider'));
    assert((await c.providers(turn)).join() === 'Scripted', `answered by ${await c.providers(turn)}`);
    assert(scripted.chatRequests.length === 1, 'the scripted server got the request');
  }],

  ['Stop ends a long streaming reply within ~100 ms and closes the upstream request', async ({ page, scripted }) => {
    const c = state.chat;
    scripted.reset().script({ text: 'streaming '.repeat(3000), tokenDelayMs: 10 });
    const turn = await c.send('Please write a very long answer');
    await until(async () => (await c.text(turn)).length > 60, 'the first tokens');
    // Time from the pointer going down on Stop to "Stopped." on screen, on the webview's clock.
    await c.frame.evaluate(() => {
      const t = (window.__stopTiming = {});
      document
        .getElementById('stop')
        .addEventListener('pointerdown', () => (t.down = performance.now()), { capture: true });
      const seen = () =>
        [...document.querySelectorAll('.turn-footer .status')].some((e) => e.textContent.includes('Stopped'));
      new MutationObserver(() => {
        if (t.down !== undefined && t.shown === undefined && seen()) t.shown = performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await c.frame.locator('#stop').click();
    const timing = await until(
      () => c.frame.evaluate(() => window.__stopTiming.shown !== undefined && window.__stopTiming),
      '"Stopped." to show',
      5000,
      10,
    );
    const ms = timing.shown - timing.down;
    const len = (await c.text(turn)).length;
    await until(() => scripted.chatRequests[0]?.clientClosed, 'the upstream request to close', 3000);
    await sleep(300);
    assert((await c.text(turn)).length === len, 'no text arrives after Stop');
    assert(len < 'streaming '.repeat(3000).length, 'the answer was cut short');
    assert(await c.frame.locator('#stop').isHidden(), 'the Stop button is gone');
    assert(ms < 200, `"Stopped." took ${ms.toFixed(0)} ms to show`);
    return `"Stopped." visible ${ms.toFixed(0)} ms after the click; ${len} chars kept`;
  }],

  ['hostile markdown renders as inert text: no script runs, nothing is fetched, no element is injected', async ({ page, scripted, canary, observed }) => {
    const c = state.chat;
    const mark = observed.mark();
    canary.reset();
    scripted.reset().script({ text: hostileAnswer(canary) });
    const turn = await c.settled(await c.send('Show me some HTML'));
    await sleep(500);
    const found = await c.frame.evaluate(() => {
      const root = document.getElementById('transcript');
      const bad = root.querySelectorAll('img, script, iframe, svg, style, link, meta, form, object, embed, video, audio, a[href], [style], [src]');
      const handlers = [...root.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)));
      return {
        bad: [...bad].map((e) => e.outerHTML.slice(0, 80)),
        handlers: handlers.map((e) => e.outerHTML.slice(0, 80)),
      };
    });
    assert(found.bad.length === 0, `injected elements: ${found.bad.join(' | ')}`);
    assert(found.handlers.length === 0, `event handler attributes: ${found.handlers.join(' | ')}`);
    const text = await c.text(turn);
    assert(text.includes('<script>window.__pwned = "script"; alert("pwned")</script>'), 'the script tag is shown as text');
    assert(text.includes('[image: tracking pixel]'), 'the markdown image is shown as a link label, not loaded');
    const since = observed.since(mark);
    assert((await pwnedAnywhere(page)).length === 0, `window.__pwned set: ${await pwnedAnywhere(page)}`);
    assert(since.dialogs.length === 0, `dialogs: ${since.dialogs}`);
    assert(since.popups.length === 0, `popups: ${since.popups}`);
    assert(canary.requests.length === 0, `the canary was fetched: ${canary.requests.map((r) => r.path)}`);
    assert(since.blocked.length === 0, `remote requests: ${since.blocked}`);
    const noisy = since.console.filter((m) => /pwned|Refused to|Content Security Policy|203\.0\.113|127\.0\.0\.1:${canary.port}/i.test(m.text));
    assert(noisy.length === 0, `console: ${noisy.map((m) => m.text).join(' | ')}`);
    state.hostileTurn = turn;
  }],

  ['links open only through the extension, after the user consents', async ({ page, observed }) => {
    const c = state.chat;
    const turn = state.hostileTurn;
    const mark = observed.mark();
    // javascript:, data: and command: links are plain text (markdown-it drops the first two, the
    // renderer makes the last an inert span): clicking them does nothing.
    for (const label of ['innocent link', 'data link', 'settings']) {
      await turn.getByText(label).first().click();
    }
    assert((await turn.locator('.md-nolink[title^="command:"]').count()) === 1, 'the command: link is an inert span');
    await sleep(600);
    assert((await page.locator('.monaco-dialog-box').count()) === 0, 'no dialog for non-web links');
    // A web link asks first, in VS Code's own modal.
    await turn.locator('.md-link[data-href="https://example.com/docs"]').click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 5000 });
    const says = await dialog.innerText();
    assert(/Open this link in your browser\?/.test(says) && says.includes('https://example.com/docs'), `dialog says: ${says}`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 5000 });
    await sleep(300);
    const since = observed.since(mark);
    assert(since.popups.length === 0 && since.blocked.length === 0, `something opened: ${since.popups} ${since.blocked}`);
    assert((await pwnedAnywhere(page)).length === 0, 'no link ran script');
    assert(await c.frame.locator('#input').isVisible(), 'the view is still there');
  }],

  ['a 5 MB hostile reply streams in, and the view still answers the next message', async ({ page, scripted, canary, observed, say }) => {
    const c = state.chat;
    const mark = observed.mark();
    canary.reset();
    const huge = hugeAnswer(canary);
    scripted.reset().script({ text: huge.text, tokens: huge.tokens }, { text: 'Still here after the big one.' });
    await c.frame.evaluate(() => performance.clearMeasures('switchboard-render'));
    const t0 = Date.now();
    const turn = await c.send('Now something big');
    const progress = [];
    const shown = () => turn.evaluate((el) => el.querySelector('.turn-body')?.textContent.length ?? 0).catch(() => -1);
    await until(async () => {
      if (Date.now() - t0 > (progress.length + 1) * 5000) progress.push(`${progress.length * 5 + 5}s: upstream ${scripted.chatRequests[0]?.completed ? 'done' : 'streaming'}, shown ${await shown()} chars`);
      return c.frame.evaluate(() => document.getElementById('stop').hidden);
    }, 'the 5 MB answer to finish', 90_000, 250).catch((e) => {
      throw new Error(`${e.message}\n      ${progress.join('\n      ')}`);
    });
    const bigMs = Date.now() - t0;
    // Item 12: the cost of a frame must not grow with the answer: compare the first and last
    // fifth of the frames that rendered it (the webview's own User Timing entries).
    // Item 12's figures: a frame renders whatever arrived since the last one, so the cost to
    // compare is per character rendered: ms per 100 KB in the first and last fifth of frames.
    const measures = await c.frame.evaluate(() =>
      performance.getEntriesByName('switchboard-render').map((e) => ({ ms: e.duration, chars: e.detail?.chars ?? 0 })),
    );
    const frames = measures.filter((f) => f.chars > 0);
    const fifth = Math.max(1, Math.floor(frames.length / 5));
    const sum = (fs, key) => fs.reduce((a, f) => a + f[key], 0);
    const per100k = (fs) => (sum(fs, 'ms') / Math.max(1, sum(fs, 'chars'))) * 100_000;
    const early = per100k(frames.slice(0, fifth));
    const late = per100k(frames.slice(-fifth));
    const renderMs = frames.reduce((a, f) => a + f.ms, 0);
    const figures = `5 MB answer done in ${(bigMs / 1000).toFixed(1)} s (${huge.tokens.length} chunks, ${frames.length} frames, ${(renderMs / 1000).toFixed(1)} s of rendering; ${early.toFixed(0)} ms per 100 KB rendered in the first fifth of frames, ${late.toFixed(0)} ms in the last)`;
    say(`item 12: ${figures}`);
    const size = await turn.evaluate((el) => el.querySelector('.turn-body').textContent.length);
    const ends = await turn.evaluate((el) => el.textContent.includes('END-OF-HUGE-ANSWER'));
    // A 5 MB answer is over every model's context window, so the next question goes in a new chat
    // (in the same one, Switchboard says the conversation is too long, and sends nothing).
    await c.frame.locator('#new-chat').click();
    await until(async () => (await c.count()) === 0, 'the new chat');
    const t1 = Date.now();
    const next = await c.settled(await c.send('Are you still responsive?'), 20_000);
    const nextMs = Date.now() - t1;
    assert((await c.text(next)).includes('Still here after the big one.'), 'the next answer arrived');
    assert(ends && size > FIVE_MB * 0.8, `the big answer is complete (${size} chars, end marker ${ends})`);
    const since = observed.since(mark);
    assert(canary.requests.length === 0, `the canary was fetched ${canary.requests.length} time(s)`);
    assert(
      since.blocked.length === 0 && since.dialogs.length === 0,
      `remote ${since.blocked}, dialogs ${since.dialogs}`,
    );
    assert((await pwnedAnywhere(page)).length === 0, 'no script ran');
    assert(nextMs < 10_000, `the next answer took ${nextMs} ms`);
    // The figures are reported, not asserted: how the host batches parts into frames varies with
    // load. That a chunk's cost does not grow with the answer is proven deterministically by
    // test/unit/webview/markdownBlocks.test.ts.
    return `${figures}; next answer in ${nextMs} ms`;
  }],

  ['Developer: Reload Window keeps the conversation and the unsent draft', async ({ page }) => {
    const c = state.chat;
    const turns = await c.count();
    const draft = 'a draft I have not sent yet';
    await c.frame.locator('#input').fill(draft);
    await sleep(300);
    await palette(page, 'Developer: Reload Window');
    state.chat = await reopened(page, turns);
    const value = await state.chat.frame.locator('#input').inputValue();
    assert(value === draft, `the draft after reload is "${value}"`);
    assert(
      (await state.chat.text(state.chat.last())).includes('Still here after the big one.'),
      'the last answer is back',
    );
    state.turns = turns;
    state.draft = draft;
    return `${turns} answer(s) and the draft restored`;
  }],

  ['a browser refresh (page.reload) keeps the conversation and the saved draft', async ({ page }) => {
    await page.reload();
    const c = (state.chat = await reopened(page, state.turns));
    const value = await c.frame.locator('#input').inputValue();
    assert(value === state.draft, `the draft after the refresh is "${value}"`);
  }],
  ['a long code line scrolls inside its code block; the narrow view itself never scrolls sideways', async ({ scripted }) => {
    const c = state.chat;
    const long = `const veryLongLine = [${Array.from({ length: 60 }, (_, i) => `'item-${i}'`).join(', ')}];`;
    scripted.reset().script({ text: `Here:\n\n\`\`\`ts\n${long}\n\`\`\`\n\nDone.` });
    const turn = await c.settled(await c.send('Give me a long line of code'));
    const m = await turn.evaluate((el) => {
      const pre = el.querySelector('.code-block pre');
      const doc = document.scrollingElement ?? document.documentElement;
      return {
        scroll: pre.scrollWidth,
        client: pre.clientWidth,
        overflow: getComputedStyle(pre).overflowX,
        docScroll: doc.scrollWidth,
        docClient: doc.clientWidth,
      };
    });
    assert(m.scroll > m.client && /auto|scroll/.test(m.overflow), `the code block scrolls: ${JSON.stringify(m)}`);
    assert(m.docScroll <= m.docClient + 1, `the view does not scroll sideways: ${JSON.stringify(m)}`);
    return `code block ${m.client}px wide, content ${m.scroll}px (scrolls); view ${m.docClient}px`;
  }],
];

/** Waits for the workbench and the chat view after a reload, with `turns` answers shown. */
async function reopened(page, turns) {
  await sleep(500);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const c = chat(await openChat(page));
  await until(async () => (await c.count()) === turns, `${turns} answers after the reload`, 30_000, 200);
  return c;
}
