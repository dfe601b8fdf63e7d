// Issue 15, item 1 as a user sees it: a provider entry listing two models shows in the dashboard
// as the provider's heading with one card per model, each titled with its model and its own state.
// Runs after hostile.spec (the scripted loopback provider is configured); leaves it as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openChat, palette, until, useScriptedProvider, webviewFrame } from '../lib/workbench.mjs';

const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};

const state = {};

export const steps = [
  ['a provider with two models: the dashboard shows its name as a heading over one card per model', async ({ page, dirs, scripted, results }) => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await openChat(page); // activates Switchboard when this spec runs on its own
    await useScriptedProvider(page, dirs, scripted);
    const file = join(dirs.user, 'Machine', 'settings.json');
    const before = readFileSync(file, 'utf8');
    const settings = JSON.parse(before);
    const [entry] = settings['switchboard.providers'];
    settings['switchboard.providers'] = [{ ...entry, model: undefined, models: ['loopback-model', 'loopback-mini'] }];
    writeFileSync(file, JSON.stringify(settings, null, 2));
    try {
      await palette(page, 'Switchboard: Open Health Dashboard');
      const frame = await webviewFrame(page, '#cards');
      // Top level: the Scripted section (its heading, then a card per model), then the demo providers' cards.
      const shown = () =>
        frame.locator('#cards > *').evaluateAll((els) =>
          els.map((e) => ({
            tag: e.tagName.toLowerCase(),
            title: e.querySelector('h2, h3')?.textContent ?? '',
            inner: [...e.querySelectorAll('article.card h3')].map((t) => t.textContent),
          })),
        );
      const layout = await until(async () => {
        const l = await shown();
        return l[0]?.tag === 'section' && l[0].title.startsWith('Scripted — 2 models') && l;
      }, 'the Scripted section over its models', 15_000, 200);
      const models = layout[0].inner.join();
      assert(models === 'loopback-model,loopback-mini', `cards under the heading: ${models}`);
      const plain = layout.slice(1).every((x) => x.tag === 'article' && x.inner.length === 0);
      assert(plain, 'single-model providers stay plain cards');
      const section = frame.locator('#cards > section.group');
      const badges = await section.locator('article.card .badge').allInnerTexts();
      assert(badges.length === 2 && badges.every((b) => b.length > 0), `each model has its own state: ${badges}`);
      const spoken = await section
        .locator('article.card')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      assert(spoken.join() === 'Scripted · loopback-model,Scripted · loopback-mini', `aria-labels: ${spoken}`);
      // The section spans the grid's width: the next provider starts a row of its own, below it.
      const box = await section.boundingBox();
      const next = await frame.locator('#cards > article.card').first().boundingBox();
      assert(next.y >= box.y + box.height, `the next card starts below the section (${JSON.stringify({ box, next })})`);
      await page.screenshot({ path: join(results, 'deployments-dashboard.png') });

      // Switch Provider: the models of Scripted under its separator, each with its own state line.
      await palette(page, 'Switchboard: Switch Provider');
      const rows = page.locator('.quick-input-list .monaco-list-row');
      const picker = await until(async () => {
        const texts = await rows.allInnerTexts();
        const flat = texts.map((t) => t.replace(/\s+/g, ' ').trim());
        return flat.some((t) => t.includes('loopback-mini')) && flat;
      }, 'the models in Switch Provider', 10_000, 200);
      const model = picker.findIndex((t) => t.startsWith('loopback-model'));
      assert(model >= 0 && /Scripted/.test(picker[model]), `loopback-model row names Scripted: ${picker.join(' | ')}`);
      assert(picker[model + 1]?.startsWith('loopback-mini'), `loopback-mini follows it: ${picker.join(' | ')}`);
      // A plain separator line closes the Scripted group before the next provider.
      // Separators draw a border on the entry below them: one over Demo OpenAI, none over loopback-mini.
      const border = (name) =>
        page
          .locator('.quick-input-list .monaco-list-row', { hasText: name })
          .first()
          .evaluate((el) => el.querySelector('.quick-input-list-separator-border') !== null);
      const closed = (await border('Demo OpenAI')) && !(await border('loopback-mini'));
      assert(closed, 'a separator line sits between loopback-mini and Demo OpenAI');
      await page.screenshot({ path: join(results, 'deployments-switch-provider.png') });
      state.picker = picker.slice(model - 1, model + 2).join(' | ');
      await page.keyboard.press('Escape');
      const then = layout.slice(1).map((x) => x.title).join(', ');
      return `"${layout[0].title}" over ${models}; states ${badges.join(', ')}; then ${then}; picker: ${state.picker}`;
    } finally {
      writeFileSync(file, before);
      await palette(page, 'View: Close All Editors');
    }
  }],
];
