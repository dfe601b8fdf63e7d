import type { EngineEvent } from '../resilience/api';

export interface ProviderTally {
  attempts: number;
  failures: number;
  firstTokens: number;
  /** Failovers away from this provider. */
  failoversFrom: number;
  continuationsFrom: number;
  hedgesWon: number;
  /** Fire drills started on this provider. */
  drills: number;
  /** Chats that passed this provider over because of a fire drill. */
  drillReroutes: number;
  /** Chats that passed it over for another reason (cooldown, open breaker, sensitivity...). */
  skips: number;
}

export interface Incident {
  at: number;
  providerId: string;
  /** What happened; `{other}` stands for the provider `otherId` (named by the report). */
  what: string;
  otherId?: string;
}

const MAX_INCIDENTS = 500;

/** Keeps what the reliability report and dashboard need from the engine's events, bounded. */
export class ReliabilityRecorder {
  readonly since = Date.now();
  readonly tallies = new Map<string, ProviderTally>();
  readonly incidents: Incident[] = [];
  chats = 0;
  chatsFailed = 0;

  private tally(id: string): ProviderTally {
    let t = this.tallies.get(id);
    if (!t)
      this.tallies.set(
        id,
        (t = {
          attempts: 0,
          failures: 0,
          firstTokens: 0,
          failoversFrom: 0,
          continuationsFrom: 0,
          hedgesWon: 0,
          drills: 0,
          drillReroutes: 0,
          skips: 0,
        }),
      );
    return t;
  }

  private incident(at: number, providerId: string, what: string, otherId?: string) {
    this.incidents.push({ at, providerId, what, ...(otherId ? { otherId } : {}) });
    if (this.incidents.length > MAX_INCIDENTS) this.incidents.splice(0, this.incidents.length - MAX_INCIDENTS);
  }

  record(e: EngineEvent): void {
    switch (e.type) {
      case 'attempt_started':
        this.tally(e.providerId).attempts++;
        break;
      case 'first_token':
        this.tally(e.providerId).firstTokens++;
        break;
      case 'attempt_failed':
        this.tally(e.providerId).failures++;
        this.incident(e.at, e.providerId, `attempt failed: ${e.kind}${e.streamed ? ' (mid-stream)' : ''}`);
        break;
      case 'fell_back':
        this.tally(e.from).failoversFrom++;
        this.incident(e.at, e.from, `fell back to {other} (${e.kind})`, e.to);
        break;
      case 'continued':
        this.tally(e.from).continuationsFrom++;
        this.incident(e.at, e.from, `answer continued on {other} after ${e.keptChars} characters`, e.to);
        break;
      case 'hedge_won':
        this.tally(e.winner).hedgesWon++;
        break;
      case 'breaker':
        if (e.state !== 'closed') this.incident(e.at, e.providerId, `breaker ${e.state.replace('_', '-')}`);
        else this.incident(e.at, e.providerId, 'breaker closed (recovered)');
        break;
      case 'cooldown':
        this.incident(e.at, e.providerId, `cooling down until ${new Date(e.until).toISOString()}`);
        break;
      case 'fire_drill':
        if (e.until > e.at) this.tally(e.providerId).drills++;
        this.incident(e.at, e.providerId, e.until > e.at ? `fire drill started (${Math.round((e.until - e.at) / 60_000)} min)` : 'fire drill ended');
        break;
      case 'skipped':
        if (e.reason === 'fire_drill') this.tally(e.providerId).drillReroutes++;
        else this.tally(e.providerId).skips++;
        break;
      case 'sensitivity_blocked':
        this.incident(e.at, e.providerId, `sensitive request kept away: ${e.reason}`);
        break;
      case 'chain_moved':
        this.incident(e.at, e.from, `${e.chainLabel} answered by {other} (a different model family): ${e.why}`, e.to);
        break;
      case 'chain_back':
        this.incident(e.at, e.providerId, `${e.chainLabel} is back on it`);
        break;
      case 'chat_completed':
        this.chats++;
        break;
      case 'chat_failed':
        this.chats++;
        this.chatsFailed++;
        break;
    }
  }
}
