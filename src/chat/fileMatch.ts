/**
 * Ranks workspace files for the composer's `#` completion: every typed word must occur in the
 * relative path (case-insensitive); a file name that starts with the query ranks first, then one
 * that contains it, then a match anywhere in the path; shorter paths win ties.
 */
import type { FileChoice } from '../core/attachments';

export const MAX_MATCHES = 30;

function score(label: string, words: string[], query: string): number | undefined {
  const path = label.toLowerCase();
  if (!words.every((w) => path.includes(w))) return undefined;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name.startsWith(query)) return 0;
  if (name.includes(query)) return 1;
  return 2;
}

export function matchFiles(files: readonly FileChoice[], query: string, max = MAX_MATCHES): FileChoice[] {
  const q = query.trim().toLowerCase();
  const words = q.split(/[\s/\\]+/).filter(Boolean);
  const ranked: { f: FileChoice; s: number }[] = [];
  for (const f of files) {
    const s = score(f.label, words, q);
    if (s !== undefined) ranked.push({ f, s });
  }
  ranked.sort((a, b) => a.s - b.s || a.f.label.length - b.f.label.length || a.f.label.localeCompare(b.f.label));
  return ranked.slice(0, max).map((r) => r.f);
}
