// Driving VS Code (code-server) in chromium the way a user does: the command palette, quick
// picks, the status bar, and Switchboard's webviews (each an iframe inside an iframe).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Status bar item id: `<publisher>.<extension>.<itemId>`. */
export const STATUS_ITEM = '[id="switchboard-dev.switchboard.switchboard.health"]';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` (async, returns a truthy value) until it passes; throws with `what` after timeoutMs. */
export async function until(check, what, timeoutMs = 10_000, everyMs = 50) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    await sleep(everyMs);
  }
}

/** Runs a palette command by its title, then answers each following quick pick / input box in `then`. */
export async function palette(page, title, then = []) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await input.press('Enter');
  for (const answer of then) await answerQuickInput(page, answer);
}

/**
 * Answers the next quick pick (types the filter, waits for a row with `pick`, Enter) or input box
 * (`{ text }`: replaces the value, Enter).
 */
export async function answerQuickInput(page, answer) {
  const input = page.locator('.quick-input-widget input');
  if (typeof answer === 'object') {
    await until(async () => (await input.isVisible()) && (await input.inputValue()) !== '' , 'an input box');
    await input.fill(answer.text);
    await input.press('Enter');
    return;
  }
  // The previous pick closes before the next opens: wait for a list that has our row.
  await until(async () => {
    if (!(await input.isVisible())) return false;
    await input.fill(answer);
    return page.locator('.quick-input-list .monaco-list-row', { hasText: answer }).first().isVisible();
  }, `a quick pick row "${answer}"`);
  await input.press('Enter');
}

/** The content frame of the Switchboard webview that contains `selector` (chat: '#composer', dashboard: '#events'). */
export async function webviewFrame(page, selector, timeoutMs = 15_000) {
  return until(async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        if (await frame.$(selector)) return frame;
      } catch {
        /* detached while we looked */
      }
    }
    return undefined;
  }, `a webview with ${selector}`, timeoutMs, 100);
}

/** Opens the Switchboard container in the activity bar (unless shown) and returns the chat webview frame. */
export async function openChat(page) {
  const icon = page.locator('.activitybar .action-item[aria-label^="Switchboard"], .activitybar a[aria-label^="Switchboard"]').first();
  const title = page.locator('.sidebar .composite.title', { hasText: 'Switchboard' });
  let clickedAt = 0;
  await until(async () => {
    // The icon toggles the side bar: click only when the view is not showing (or did not come up).
    if (!(await title.isVisible()) && Date.now() - clickedAt > 3000 && (await icon.isVisible())) {
      await icon.click();
      clickedAt = Date.now();
    }
    return title.isVisible();
  }, 'the Switchboard side bar', 30_000, 200);
  return webviewFrame(page, '#composer');
}

/** Chat view helpers on its frame. */
export function chat(frame) {
  const turns = frame.locator('article.turn.assistant');
  return {
    frame,
    turns,
    async count() {
      return turns.count();
    },
    last() {
      return turns.last();
    },
    /** Types `text` and presses Enter; resolves once the new assistant turn exists. */
    async send(text) {
      const before = await turns.count();
      const input = frame.locator('#input');
      await input.click();
      await input.fill(text);
      await input.press('Enter');
      await until(async () => (await turns.count()) > before, 'the new assistant turn');
      return turns.nth(before);
    },
    /** Waits until the turn is no longer streaming. */
    async settled(turn, timeoutMs = 20_000) {
      await until(
        async () =>
          (await turn.locator('.turn-footer .streaming').count()) === 0 && (await frame.locator('#stop').isHidden()),
        'the answer to finish',
        timeoutMs,
        100,
      );
      return turn;
    },
    /** True when the bottom of `turn` is on screen, above the sticky composer. */
    /** True once the end of `turn` is in view above the composer (the view may scroll a frame after the footer appears). */
    async endVisible(turn, timeoutMs = 2000) {
      const visible = () =>
        turn.evaluate((el) => {
          const composerTop = document.getElementById('composer').getBoundingClientRect().top;
          return el.getBoundingClientRect().bottom <= composerTop + 1;
        });
      return until(visible, 'the end of the answer to scroll into view', timeoutMs).then(() => true, () => false);
    },
    async providers(turn) {
      return turn.locator('.answered-by .provider').allInnerTexts();
    },
    async text(turn) {
      return (await turn.locator('.turn-body .md').allInnerTexts()).join('\n');
    },
  };
}

/** The status bar item: text, tooltip (after hovering) and whether it has the warning background. */
export async function statusItem(page) {
  const item = page.locator(STATUS_ITEM);
  await item.waitFor({ state: 'visible' });
  const cls = (await item.getAttribute('class')) ?? '';
  const bg = await item.evaluate((el) => getComputedStyle(el).backgroundColor);
  return { item, text: await item.innerText(), warning: /warning-kind/.test(cls), error: /error-kind/.test(cls), background: bg, cls };
}

/** Hovers the status item and returns the tooltip's text (the hover stays open for a screenshot). */
export async function statusTooltip(page) {
  const item = page.locator(STATUS_ITEM);
  await page.mouse.move(0, 0);
  await item.hover();
  const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'routing' }).last();
  await hover.waitFor({ state: 'visible', timeout: 8000 });
  return { hover, text: await hover.innerText() };
}

/**
 * Adds the runner's scripted loopback provider to settings like a user would and pins it with
 * Switch Provider (palette). `switchboard.providers` is machine-scoped: in a remote window
 * (code-server) it is read from <user-data-dir>/Machine/settings.json ("Remote" tab in Settings).
 */
export async function useScriptedProvider(page, dirs, scripted) {
  const file = join(dirs.user, 'Machine', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  const settings = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  settings['switchboard.providers'] = [
    { id: 'scripted', label: 'Scripted', preset: 'ollama', baseURL: scripted.baseURL, model: 'loopback-model' },
  ];
  writeFileSync(file, JSON.stringify(settings, null, 2));
  // The settings file is watched; retry the pick until the new provider is listed.
  await until(async () => {
    await palette(page, 'Switchboard: Switch Provider');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Scripted' });
    const ok = await row.first().waitFor({ state: 'visible', timeout: 1500 }).then(() => true, () => false);
    if (!ok) await page.keyboard.press('Escape');
    else await row.first().click();
    return ok;
  }, 'the Scripted provider in Switch Provider', 15_000, 200);
}
