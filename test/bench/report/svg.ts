/** A hand-written SVG: cumulative first-token latency per contender (log-scale x), no dependency. */

export interface Series {
  name: string;
  /** First-token latencies of answered chats (ms). */
  values: number[];
  /** All chats, answered or not: the curve tops out at the answered share. */
  total: number;
}

const COLORS = ['#6b7280', '#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function cdfChart(title: string, series: Series[]): string {
  const W = 820;
  const H = 460;
  const m = { l: 64, r: 24, t: 44, b: 96 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const all = series.flatMap((s) => s.values).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.max(1, Math.min(...all, 10))));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...all, lo * 10)));
  const x = (v: number) =>
    m.l + (pw * (Math.log10(Math.min(hi, Math.max(lo, v))) - Math.log10(lo))) / (Math.log10(hi) - Math.log10(lo));
  const y = (f: number) => m.t + ph * (1 - f);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="15" font-weight="600">${esc(title)}</text>`);
  for (let d = lo; d <= hi; d *= 10) {
    for (const k of [1, 2, 5]) {
      const v = d * k;
      if (v > hi) break;
      const major = k === 1;
      out.push(`<line x1="${x(v).toFixed(1)}" y1="${m.t}" x2="${x(v).toFixed(1)}" y2="${m.t + ph}" stroke="${major ? '#d1d5db' : '#f0f1f3'}"/>`);
      out.push(`<text x="${x(v).toFixed(1)}" y="${m.t + ph + 16}" text-anchor="middle" fill="#374151">${v >= 1000 ? `${v / 1000} s` : `${v} ms`}</text>`);
    }
  }
  for (let f = 0; f <= 1.0001; f += 0.25) {
    out.push(`<line x1="${m.l}" y1="${y(f).toFixed(1)}" x2="${m.l + pw}" y2="${y(f).toFixed(1)}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${m.l - 8}" y="${(y(f) + 4).toFixed(1)}" text-anchor="end" fill="#374151">${Math.round(f * 100)}%</text>`);
  }
  out.push(`<text x="${m.l + pw / 2}" y="${m.t + ph + 36}" text-anchor="middle" fill="#111827">time to first token (log scale)</text>`);
  out.push(`<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle" fill="#111827">chats answered by then (of all chats)</text>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const v = [...s.values].sort((a, b) => a - b);
    const pts: string[] = [`${x(lo).toFixed(1)},${y(0).toFixed(1)}`];
    v.forEach((t, k) => {
      pts.push(`${x(t).toFixed(1)},${y(k / s.total).toFixed(1)}`, `${x(t).toFixed(1)},${y((k + 1) / s.total).toFixed(1)}`);
    });
    pts.push(`${x(hi).toFixed(1)},${y(v.length / s.total).toFixed(1)}`);
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(' ')}"/>`);
    const lx = m.l + (i % 2) * 380;
    const ly = H - 40 + Math.floor(i / 2) * 18;
    const answered = s.total ? ((100 * v.length) / s.total).toFixed(1) : '0';
    out.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 22}" y2="${ly - 4}" stroke="${color}" stroke-width="3"/>`);
    out.push(`<text x="${lx + 28}" y="${ly}" fill="#111827">${esc(s.name)} (${answered}% answered)</text>`);
  });
  out.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#9ca3af"/>`);
  out.push('</svg>');
  return out.join('\n');
}
