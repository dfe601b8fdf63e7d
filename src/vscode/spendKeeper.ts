import type * as vscode from 'vscode';
import { cutNote, usd } from '../core/money';
import type { Disposable } from '../core/events';
import type { Logger } from '../core/log';
import type { Engine, EngineEvent } from '../resilience/api';
import { notify } from './notify';

const SPEND_KEY = 'switchboard.spend';
/** Saving is debounced: a burst of answers writes once. */
const SAVE_DELAY_MS = 2000;

/**
 * Keeps the engine's spend ledger across restarts (so a daily budget holds after a reload) and
 * tells the user once a day when a provider nears or spends its budget.
 */
export class SpendKeeper {
  private readonly sub: Disposable;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly engine: Engine,
    private readonly state: vscode.Memento,
    private readonly log: Logger,
    private readonly label: (providerId: string) => string,
  ) {
    engine.restoreSpend(state.get(SPEND_KEY));
    this.sub = engine.onEvent((e) => this.onEvent(e));
  }

  private onEvent(e: EngineEvent): void {
    if (e.type === 'usage') this.scheduleSave();
    if (e.type !== 'budget') return;
    const name = this.label(e.providerId);
    // Say how much of the spend is estimated (attempts cut off before the provider reported usage).
    const h = this.engine.health().find((x) => x.id === e.providerId);
    const note = cutNote(h?.cutAttemptsToday, h?.spentTodayEstimatedUsd);
    const message =
      e.level === 'near'
        ? `${name} has spent ${usd(e.spentUsd)}${note} of its ${usd(e.budgetUsd)} daily budget.`
        : `${name} has spent its ${usd(e.budgetUsd)} daily budget (${usd(e.spentUsd)}${note}): chats go to the other providers until midnight.`;
    void notify(this.log, 'warn', message);
  }

  private scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.save(), SAVE_DELAY_MS);
  }

  private save(): void {
    this.timer = undefined;
    void this.state.update(SPEND_KEY, this.engine.spend());
  }

  dispose(): void {
    this.sub.dispose();
    if (this.timer) {
      clearTimeout(this.timer);
      this.save();
    }
  }
}
