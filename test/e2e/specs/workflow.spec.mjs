// Issue 14 (items 5, 6, 9 and 11) as a user does it in the browser, with the runner's scripted
// provider: a code block's Copy says it copied; Apply to File opens VS Code's diff editor, its
// title-bar Accept writes the change as one undo step and Reject leaves the file alone;
// Ctrl+Alt+E explains the selection (a selection ending at column 1 leaves that line out); the
// chat history: two chats, search, open the older one, rename, delete, New Chat keeps the last.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chat, openChat, palette, sleep, until, useScriptedProvider } from '../lib/workbench.mjs';

const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};
const state = {};
const ORIGINAL = ['function add(a, b) {', '  return a - b;', '}', 'module.exports = { add };'];
const FIXED = ['function add(a, b) {', '  return a + b;', '}', 'module.exports = { add };'];
const FIRST = 'Sessions: how do closures capture variables?';
const SECOND = 'Sessions: a regex for ISO dates?';

/** The lines the active (non-diff) editor shows, top to bottom (Monaco positions lines absolutely). */
async function editorLines(page) {
  return page.evaluate(() => {
    const ed = document.querySelector('.editor-group-container.active .editor-instance > .monaco-editor');
    if (!ed) return undefined;
    return [...ed.querySelectorAll('.view-lines .view-line')]
      .map((l) => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .filter((t, i, all) => t !== '' || i < all.length - 1);
  });
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Clicks into the file's editor (its text area) so keys go to it. */
async function focusEditor(page) {
  await page.locator('.editor-group-container.active .editor-instance > .monaco-editor .view-lines').click();
}

const diffEditor = (page) => page.locator('.editor-group-container.active .monaco-diff-editor');

/** Clicks a code-block button of the last answer. */
async function codeButton(c, action) {
  const button = c.last().locator(`.code-block [data-code-action="${action}"]`).first();
  await button.click();
  return button;
}

/** The Chat History quick pick (opened from the chat view's title bar). */
async function openHistory(page) {
  await page.locator('.sidebar .action-label[aria-label*="Chat History"]').first().click();
  const title = page.locator('.quick-input-widget .quick-input-title');
  await until(async () => /Chat History/.test(await title.innerText().catch(() => '')), 'the Chat History picker', 5000, 100);
  return page.locator('.quick-input-widget input');
}
/** Rows of the open quick pick (with `text`, when given). */
const pickRows = (page, text) =>
  page.locator('.quick-input-list .monaco-list-row', text === undefined ? {} : { hasText: text });

export const steps = [
  ['a file open in the editor, the scripted provider answering a new chat', async ({ page, dirs, scripted }) => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    state.chat = chat(await openChat(page));
    await useScriptedProvider(page, dirs, scripted);
    mkdirSync(join(dirs.workspace, 'src'), { recursive: true });
    writeFileSync(join(dirs.workspace, 'src', 'calc.js'), ORIGINAL.join('\n') + '\n');
    await palette(page, 'View: Close All Editors');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.fill('calc.js');
    await pickRows(page, 'calc.js').first().waitFor({ state: 'visible' });
    await input.press('Enter');
    await until(async () => same(await editorLines(page), ORIGINAL), 'calc.js in the editor', 10_000, 100);
    const c = state.chat;
    await c.frame.locator('#new-chat').click();
    await until(async () => (await c.count()) === 0, 'a new chat');
  }],

  ['Copy on a code block says "Copied ✓" once the host copied it, and the clipboard holds the code', async ({ page, context, server, scripted }) => {
    const c = state.chat;
    scripted.reset().script({ text: `Here is the fix:\n\n\`\`\`js\n${FIXED.join('\n')}\n\`\`\`\n` });
    await c.settled(await c.send('Fix add() in calc.js'));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const button = await codeButton(c, 'copy');
    await until(async () => (await button.innerText()) === 'Copied ✓', 'the Copy button to confirm', 5000, 50);
    const tip = await button.getAttribute('title');
    assert(tip === 'Copied 4 lines to the clipboard.', `the button's tooltip says "${tip}"`);
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    assert(pasted === FIXED.join('\n'), `the clipboard holds ${JSON.stringify(pasted)}`);
    await until(async () => (await button.innerText()) === 'Copy', 'the button to read Copy again', 5000, 100);
    return `"Copied ✓" (${tip})`;
  }],

  ['Apply to File opens the diff editor; its title-bar Accept writes the change, one Ctrl+Z reverts it', async ({ page, results }) => {
    const c = state.chat;
    await codeButton(c, 'apply');
    await diffEditor(page).waitFor({ state: 'visible', timeout: 10_000 });
    const tab = await page.locator('.editor-group-container.active .tab.active').innerText();
    assert(/calc\.js ↔ Switchboard's change \(whole file\)/.test(tab), `the diff tab reads "${tab}"`);
    // The diff's modified side renders a moment after the editor appears.
    const modified = diffEditor(page).locator('.modified-in-monaco-diff-editor .view-lines');
    const shown = async () => (await modified.innerText()).replace(/\u00a0/g, ' ').includes('return a + b;');
    await until(shown, 'the proposal with the change in the diff editor', 5000, 100).catch(async (e) => {
      throw new Error(`${e.message}: it shows ${JSON.stringify(await modified.innerText().catch(() => ''))}`);
    });
    await page.screenshot({ path: join(results, 'apply-diff.png') });
    await page.locator('.editor-group-container.active .editor-actions .action-label[aria-label*="Accept Change"]').click();
    await diffEditor(page).waitFor({ state: 'hidden', timeout: 10_000 });
    await until(async () => same(await editorLines(page), FIXED), 'the accepted change in calc.js', 5000, 100);
    await focusEditor(page);
    await page.keyboard.press('Control+Z');
    await until(async () => same(await editorLines(page), ORIGINAL), 'one Undo to restore calc.js', 5000, 100)
      .catch(async (e) => {
        throw new Error(`${e.message}: the editor shows ${JSON.stringify(await editorLines(page))}`);
      });
    return `tab "${tab.trim()}"`;
  }],

  ['Apply to File, then Reject (title bar): the diff closes and the file is unchanged', async ({ page }) => {
    const c = state.chat;
    await codeButton(c, 'apply');
    await diffEditor(page).waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.editor-group-container.active .editor-actions .action-label[aria-label*="Reject Change"]').click();
    await diffEditor(page).waitFor({ state: 'hidden', timeout: 10_000 });
    await sleep(300);
    const lines = await editorLines(page);
    assert(same(lines, ORIGINAL), `calc.js after Reject: ${JSON.stringify(lines)}`);
  }],

  ['Ctrl+Alt+E explains the selection; a selection ending at column 1 leaves that line out', async ({ page, scripted }) => {
    const c = state.chat;
    scripted.reset().script({ text: 'It adds two numbers (it subtracts, actually).' });
    await focusEditor(page);
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
    const before = await c.count();
    await page.keyboard.press('Control+Alt+E');
    await until(async () => (await c.count()) > before, 'the explain request in the chat', 8000, 100);
    const turn = await c.settled(c.last());
    const users = c.frame.locator('article.turn.user');
    const asked = await users.nth((await users.count()) - 1).innerText();
    assert(/Explain what this code does\./.test(asked), `the chat shows "${asked}"`);
    assert((await c.text(turn)).includes('It adds two numbers'), 'the answer arrived');
    const msgs = scripted.chatRequests[0]?.body?.messages ?? [];
    const sent = [...msgs].reverse().find((m) => m.role === 'user')?.content ?? '';
    const text = typeof sent === 'string' ? sent : JSON.stringify(sent);
    assert(/lines 1-3/.test(text) && text.includes('return a - b;'), `the request carries lines 1-3: ${text.slice(0, 300)}`);
    assert(!text.includes('module.exports'), `line 4 (where the selection ends, column 1) is left out: ${text.slice(0, 300)}`);
    return `sent "${text.split('\n')[0].slice(0, 80)}…"`;
  }],

  ['Chat history: two chats, search, open the older one, rename, delete; New Chat keeps the previous chat', async ({ page, scripted, results }) => {
    const c = state.chat;
    scripted.reset().script({ text: 'A closure keeps a reference to the variable, not a copy.' });
    await c.frame.locator('#new-chat').click();
    await until(async () => (await c.count()) === 0, 'a new chat');
    await c.settled(await c.send(FIRST));
    await c.frame.locator('#new-chat').click();
    await until(async () => (await c.count()) === 0, 'a second new chat');
    scripted.reset().script({ text: 'Try `^\\d{4}-\\d{2}-\\d{2}$`.' });
    await c.settled(await c.send(SECOND));

    // Search: the filter keeps the older chat only; it lists its provider.
    let input = await openHistory(page);
    await until(async () => (await pickRows(page, FIRST).count()) === 1, 'the first chat in the history', 5000, 100);
    const row = await pickRows(page, FIRST).first().innerText();
    assert(/Scripted/.test(row) && /2 messages/.test(row), `the row reads "${row.replace(/\s+/g, ' ')}"`);
    await input.fill('closures');
    await until(async () => (await pickRows(page).count()) === 1, 'one row for "closures"', 5000, 100);
    await page.screenshot({ path: join(results, 'chat-sessions.png') });
    await input.press('Enter');
    const users = c.frame.locator('article.turn.user');
    const opened = async () => (await users.count()) === 1 && (await users.first().innerText()).includes(FIRST);
    await until(opened, 'the older chat in the view', 5000, 100);

    // Rename the other chat (now in the history), then delete it.
    input = await openHistory(page);
    await input.fill('regex');
    const second = pickRows(page, SECOND).first();
    await second.waitFor({ state: 'visible', timeout: 5000 });
    await second.hover();
    await second.locator('.action-label.codicon-edit').click();
    const box = page.locator('.quick-input-widget input');
    await until(async () => (await box.inputValue()) === SECOND, 'the rename box with the old title', 5000, 100);
    await box.fill('Date regex (renamed)');
    await box.press('Enter');
    const title = page.locator('.quick-input-widget .quick-input-title');
    await until(async () => /Chat History/.test(await title.innerText().catch(() => '')), 'the history picker back after the rename', 5000, 100);
    const renamed = pickRows(page, 'Date regex (renamed)').first();
    await box.fill('renamed');
    await renamed.waitFor({ state: 'visible', timeout: 5000 });
    await renamed.hover();
    await renamed.locator('.action-label.codicon-trash').click();
    const gone = async () => (await pickRows(page, 'Date regex (renamed)').count()) === 0;
    await until(gone, 'the deleted chat to leave the list', 5000, 100);
    await page.keyboard.press('Escape');

    // New Chat keeps the chat it replaces: the older chat is back in the history.
    await c.frame.locator('#new-chat').click();
    await until(async () => (await c.count()) === 0, 'the new chat');
    input = await openHistory(page);
    const kept = async () => (await pickRows(page, FIRST).count()) === 1;
    await until(kept, 'the previous chat kept by New Chat', 5000, 100);
    await input.fill('renamed');
    await sleep(300);
    assert((await pickRows(page, 'Date regex (renamed)').count()) === 0, 'the deleted chat stays deleted');
    await page.keyboard.press('Escape');
  }],
];
