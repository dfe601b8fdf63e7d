/** Cell formatting for the markdown tables. */

export const DASH = '—';

/** ms with precision that suits the size: 0.42, 12.3, 1534. */
export function ms(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return DASH;
  const a = Math.abs(v);
  return a < 10 ? v.toFixed(2) : a < 100 ? v.toFixed(1) : v.toFixed(0);
}

export function signedMs(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return DASH;
  return `${v >= 0 ? '+' : ''}${ms(v)}`;
}

export function pct(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? DASH : `${v.toFixed(v === 100 || v === 0 ? 0 : 1)}%`;
}

export function ratio(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? DASH : `${v.toFixed(2)}×`;
}

export function kb(bytes: number | undefined): string {
  return bytes === undefined ? DASH : `${(bytes / 1024).toFixed(1)} KB`;
}

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
