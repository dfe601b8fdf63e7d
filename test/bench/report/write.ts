import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from '../harness';
import { fullReport, readmeSection } from './markdown';
import { cdfChart } from './svg';

/** Writes results.json, results.md, crisis-ttft.svg and README-section.md into `dir`. */
export function writeResults(r: BenchResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const chart = 'crisis-ttft.svg';
  const svg = cdfChart(
    'Crisis scenario: time to first token, cumulative (curve ends at the answered share)',
    r.crisis.map((c) => ({ name: c.name, values: c.ttftSamples, total: c.chats })),
  );
  const files: [string, string][] = [
    ['results.json', JSON.stringify(r, null, 2)],
    ['results.md', fullReport(r, chart)],
    [chart, svg],
    ['README-section.md', readmeSection(r)],
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}
