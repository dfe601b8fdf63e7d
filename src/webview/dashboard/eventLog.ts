/** The failover / hedge / continuation log, newest first, at most 200 rows. */
import type { EventRow } from '../../core/protocol';
import { h } from '../dom';

const MAX_ROWS = 200;

export class EventLog {
  constructor(private readonly root: HTMLOListElement) {}

  reset(rows: EventRow[]): void {
    this.root.replaceChildren(...rows.slice(-MAX_ROWS).reverse().map(rowEl));
    if (!rows.length)
      this.root.append(h('li', { class: 'muted empty' }, 'No failovers, hedges or breaker changes yet.'));
  }

  add(row: EventRow): void {
    this.root.querySelector('.empty')?.remove();
    this.root.prepend(rowEl(row));
    while (this.root.children.length > MAX_ROWS) this.root.lastElementChild?.remove();
  }
}

function rowEl(row: EventRow): HTMLLIElement {
  const time = new Date(row.at).toLocaleTimeString();
  return h('li', { class: `event event-${row.kind}` }, h('time', { datetime: new Date(row.at).toISOString() }, time), h('span', {}, row.text));
}
