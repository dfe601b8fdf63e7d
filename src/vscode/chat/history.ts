/**
 * Chat History: a searchable quick pick of earlier chats (title, date, provider); pick one to
 * continue it, or use its buttons to rename or delete it. Arg `{ action, id, title, query }`
 * does the same without the UI (tests, scripts) and returns the list or whether it worked.
 */
import * as vscode from 'vscode';
import type { ChatController } from '../../chat/chatController';
import type { SessionSummary } from '../../chat/sessionArchive';
import { CHAT_VIEW_ID } from './chatViewProvider';

type HistoryArg = { action?: unknown; id?: unknown; title?: unknown; query?: unknown };
type Item = vscode.QuickPickItem & { id: string };

const RENAME: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Rename' };
const DELETE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete' };

export async function showHistory(controller: ChatController, arg?: unknown): Promise<unknown> {
  const archive = controller.archive;
  if (!archive) return undefined;
  const a = (arg && typeof arg === 'object' ? arg : {}) as HistoryArg;
  const id = typeof a.id === 'string' ? a.id : '';
  switch (a.action) {
    case 'list':
      return archive.list(typeof a.query === 'string' ? a.query : '');
    case 'open':
      return open(controller, id);
    case 'rename':
      return archive.rename(id, typeof a.title === 'string' ? a.title : '');
    case 'delete':
      return archive.delete(id);
  }
  return pick(controller);
}

async function open(controller: ChatController, id: string): Promise<boolean> {
  const ok = controller.openSession(id);
  if (ok) await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  return ok;
}

function toItem(s: SessionSummary): Item {
  const when = new Date(s.at).toLocaleString();
  return {
    id: s.id,
    label: s.title,
    description: s.provider ?? '',
    detail: `${when} · ${s.messages} message${s.messages === 1 ? '' : 's'}`,
    buttons: [RENAME, DELETE],
  };
}

async function pick(controller: ChatController): Promise<boolean> {
  const archive = controller.archive!;
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Switchboard: Chat History';
  qp.placeholder = 'Search earlier chats (title, provider, date); Enter continues one';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const refresh = () => {
    qp.items = archive.list().map(toItem);
    if (!qp.items.length) qp.placeholder = 'No earlier chats yet: New Chat keeps the current one here.';
  };
  refresh();
  return new Promise<boolean>((resolve) => {
    qp.onDidTriggerItemButton(async (e) => {
      if (e.button === DELETE) archive.delete(e.item.id);
      else {
        const title = await vscode.window.showInputBox({ title: 'Rename chat', value: e.item.label });
        if (title) archive.rename(e.item.id, title);
        qp.show();
      }
      refresh();
    });
    qp.onDidAccept(async () => {
      const chosen = qp.selectedItems[0];
      qp.hide();
      resolve(chosen ? await open(controller, chosen.id) : false);
    });
    qp.onDidHide(() => resolve(false));
    qp.show();
  });
}
