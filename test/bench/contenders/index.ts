import { createBare } from './bare';
import { createPortkey } from './portkey';
import type { PortkeyGateway } from './portkeyGateway';
import { createSwitchboard } from './switchboard';
import type { Contender, Endpoints } from './types';
import { createVercel } from './vercel';

export type ContenderId = 'bare' | 'switchboard' | 'switchboard-nohedge' | 'vercel' | 'portkey';

/** Builds contenders against given endpoints; Portkey shares one gateway process. */
export class Lineup {
  private readonly seen = new Map<string, Record<string, unknown>>();
  constructor(private readonly gateway: PortkeyGateway) {}

  async create(id: ContenderId, ep: Endpoints): Promise<Contender> {
    const c = await this.build(id, ep);
    this.seen.set(c.name, c.settings);
    return c;
  }

  /** Settings of every contender created so far, by name. */
  settings(): Record<string, Record<string, unknown>> {
    return Object.fromEntries(this.seen);
  }

  private build(id: ContenderId, ep: Endpoints): Promise<Contender> {
    switch (id) {
      case 'bare':
        return createBare(ep);
      case 'switchboard':
        return createSwitchboard(ep);
      case 'switchboard-nohedge':
        return createSwitchboard(ep, { hedging: false });
      case 'vercel':
        return createVercel(ep);
      case 'portkey':
        return createPortkey(ep, this.gateway);
    }
  }
}

/** Contenders that route (everything but the bare SDK floor). */
export const ROUTERS: ContenderId[] = ['switchboard', 'vercel', 'portkey'];
export const ALL: ContenderId[] = ['bare', ...ROUTERS];
