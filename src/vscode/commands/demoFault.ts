import * as vscode from 'vscode';
import type { Fault } from '../../loopback/script';
import { notify } from '../notify';
import type { ServiceHost } from '../serviceHost';
import { pickProvider } from './pickProvider';

const FAULTS: { label: string; fault: Fault | undefined }[] = [
  { label: 'Heal (answer normally)', fault: undefined },
  {
    label: '529 Overloaded',
    fault: { type: 'status', status: 529, errorType: 'overloaded_error', message: 'Overloaded' },
  },
  {
    label: '429 Rate limited (retry after 30 s)',
    fault: { type: 'status', status: 429, retryAfter: '30', errorType: 'rate_limit_error', message: 'Rate limited' },
  },
  { label: '500 Server error', fault: { type: 'status', status: 500, message: 'Internal error' } },
  { label: 'Drop the connection mid-answer', fault: { type: 'drop', afterTokens: 12 } },
  // The demo agent's "I'll read `x` first. " is 4 tokens; 2 more land inside the tool call's arguments.
  { label: 'Drop the connection inside a tool call', fault: { type: 'drop', afterTokens: 6 } },
  { label: 'Stall mid-answer', fault: { type: 'stall', afterTokens: 12 } },
  { label: 'Hang before answering', fault: { type: 'hang' } },
];

/** Demo providers only: make one answer with a real wire-level fault. Arg `{providerId, fault}`. */
export async function injectDemoFault(host: ServiceHost, arg?: unknown): Promise<boolean> {
  const demo = host.demoSet();
  if (!demo) {
    void vscode.window.showInformationMessage('Switchboard: fault injection works on the demo providers, which run only while no real provider has a key (or "switchboard.demo" is "on").');
    return false;
  }
  const a = (arg && typeof arg === 'object' ? arg : {}) as { providerId?: unknown; fault?: unknown };
  const id = await pickProvider(host, a.providerId, 'Switchboard: Inject Demo Fault', (pid) => !!demo.server(pid));
  if (!id) return false;
  const label = host.providers().find((e) => e.id === id)?.label ?? id;
  let fault: Fault | undefined;
  let what: string;
  if ('fault' in a) {
    fault = a.fault === null || a.fault === undefined ? undefined : (a.fault as Fault);
    what = FAULTS.find((f) => JSON.stringify(f.fault) === JSON.stringify(fault))?.label ?? fault?.type ?? '';
  } else {
    const pick = await vscode.window.showQuickPick(FAULTS, { title: `Fault for ${label}` });
    if (!pick) return false;
    fault = pick.fault;
    what = pick.label;
  }
  demo.injectFault(id, fault);
  void notify(
    host.log,
    fault ? 'warn' : 'info',
    fault ? `${label} now answers with a fault: ${what}.` : `${label} is healed: it answers normally again.`,
  );
  return true;
}
