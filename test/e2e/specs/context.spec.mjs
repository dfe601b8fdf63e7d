// Issue 14 item 7 as a user sees it: `#` + letters in the message box lists workspace files,
// Enter/Tab attach one as a chip, Escape closes the list, × removes a chip, and the sent message
// shows what was attached (chips, not the file's contents). Runs on its own or after the others.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerQuickInput, chat, openChat, palette, sleep, until } from '../lib/workbench.mjs';

const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};
const state = {};

/** Types `#query` into the message box and waits for the completion row naming `file`. */
async function complete(frame, query, file) {
  const input = frame.locator('#input');
  await input.click();
  await input.pressSequentially(`#${query}`, { delay: 20 });
  const row = frame.locator('#file-matches li', { hasText: file });
  await until(() => row.first().isVisible(), `the completion to list ${file}`, 10_000, 100);
  return frame.locator('#file-matches li').allInnerTexts();
}

const chipLabels = (frame, scope) => frame.locator(`${scope} .chip:not(.add):not(.suggested) .label`).allInnerTexts();
const composerChips = async (frame) => (await chipLabels(frame, '#attachments')).join();

export const steps = [
  ['typing # and a file name lists matching workspace files; Escape closes the list and keeps the text', async ({ page, dirs }) => {
    mkdirSync(join(dirs.workspace, 'src'), { recursive: true });
    writeFileSync(join(dirs.workspace, 'src', 'ledger.ts'), 'export const balance = (xs: number[]) => xs.reduce((a, b) => a - b, 0);\n');
    writeFileSync(join(dirs.workspace, 'src', 'notes.md'), '# Notes\nThe ledger subtracts.\n');
    writeFileSync(join(dirs.workspace, 'src', 'rates.py'), 'RATE = 0.2\n');
    writeFileSync(join(dirs.workspace, 'src', 'todo.txt'), 'fix the ledger\n');
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    state.chat = chat(await openChat(page));
    const { frame } = state.chat;
    const rows = await complete(frame, 'ledg', 'ledger.ts');
    assert(rows.length === 1 && /ledger\.ts/.test(rows[0]) && /src\//.test(rows[0]), `rows: ${JSON.stringify(rows)}`);
    await frame.locator('#input').press('Escape');
    await until(() => frame.locator('#file-matches').isHidden(), 'the list to close');
    const text = await frame.locator('#input').inputValue();
    assert(text === '#ledg', `Escape keeps what was typed, got "${text}"`);
    await frame.locator('#input').fill('');
    return `rows ${JSON.stringify(rows)}`;
  }],

  ['Enter picks the highlighted file: a chip appears and the #text leaves the message box; Tab picks another', async ({ page, results }) => {
    const { frame } = state.chat;
    const sentBefore = await frame.locator('article.turn.user').count();
    await complete(frame, 'ledg', 'ledger.ts');
    await frame.locator('#input').press('Enter');
    await until(async () => (await composerChips(frame)) === 'src/ledger.ts', 'the src/ledger.ts chip');
    const left = await frame.locator('#input').inputValue();
    assert(left === '', `the #ledg text is gone, got "${left}"`);
    assert((await frame.locator('article.turn.user').count()) === sentBefore, 'Enter picked the file and sent nothing');
    await complete(frame, 'notes', 'notes.md');
    await page.screenshot({ path: join(results, 'context.png') });
    await frame.locator('#input').press('Tab');
    await until(async () => (await composerChips(frame)) === 'src/ledger.ts,src/notes.md', 'two chips');
  }],

  ['+ Context opens a quick pick: workspace problems when there are none says why; a file picked there attaches', async ({ page }) => {
    const { frame } = state.chat;
    await frame.locator('#attach').click();
    await answerQuickInput(page, 'Problems in the workspace');
    const error = frame.locator('#attach-error');
    await until(() => error.isVisible(), 'the reason shown above the message box');
    const why = await error.innerText();
    assert(/No problems to attach: the workspace has no errors or warnings/.test(why), `it says "${why}"`);
    await frame.locator('#attach').click();
    await answerQuickInput(page, 'rates.py');
    const want = 'src/ledger.ts,src/notes.md,src/rates.py';
    await until(async () => (await composerChips(frame)) === want, 'the rates.py chip');
    assert(await error.isHidden(), 'the old reason goes away once something attaches');
    return `"${why}"`;
  }],

  ['the file open in the editor is suggested as a dashed chip; clicking it attaches it', async ({ page }) => {
    const { frame } = state.chat;
    await palette(page, 'Go to File');
    await answerQuickInput(page, 'todo.txt');
    const suggested = frame.locator('#attachments .chip.suggested');
    const shown = async () => (await suggested.innerText().catch(() => '')).includes('src/todo.txt');
    await until(shown, 'the suggested chip');
    assert((await composerChips(frame)).split(',').length === 3, 'a suggestion is not attached until clicked');
    await suggested.locator('.label').click();
    const want = 'src/ledger.ts,src/notes.md,src/rates.py,src/todo.txt';
    await until(async () => (await composerChips(frame)) === want, 'the todo.txt chip');
    await until(async () => (await suggested.count()) === 0, 'the suggestion to go once the file is attached');
  }],

  ['× removes a chip; the sent message shows the remaining attachments as chips, not the files', async ({ page, results }) => {
    const c = state.chat;
    const { frame } = c;
    await frame.locator('#attachments [aria-label="Remove src/notes.md"]').click();
    const want = 'src/ledger.ts,src/rates.py,src/todo.txt';
    await until(async () => (await composerChips(frame)) === want, 'the notes chip to go');
    const turn = await c.settled(await c.send('Why is the balance negative?'));
    const user = frame.locator('article.turn.user').last();
    const sent = await chipLabels(user, '.sent-attachments');
    assert(sent.join() === want, `the sent message shows ${JSON.stringify(sent)}`);
    const userText = await user.locator('.turn-body').innerText();
    assert(!userText.includes('reduce('), 'the file content is not shown in the transcript');
    assert((await c.text(turn)).length > 0, 'an answer arrived');
    assert((await chipLabels(frame, '#attachments')).length === 0, 'the composer has no chips left');
    await page.screenshot({ path: join(results, 'context-sent.png') });
    state.sent = sent.join();
    return `sent with chips ${sent.join(', ')}`;
  }],

  ['after a browser refresh the sent message still shows its attachment chips', async ({ page }) => {
    await sleep(1000);
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const { frame } = chat(await openChat(page));
    const chips = async () => (await chipLabels(frame.locator('article.turn.user').last(), '.sent-attachments')).join();
    await until(async () => (await chips()) === state.sent, `the chips ${state.sent} after the refresh`, 30_000, 200);
  }],
];
