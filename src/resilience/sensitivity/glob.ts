/**
 * Sensitivity globs, matched by picomatch (full glob syntax: `**`, `*`, `?`, `[abc]`, `[!abc]`, `{a,b}`,
 * extglobs, and `!glob`, which matches every path the rest does not). Matching is case-insensitive,
 * takes dotfiles, and uses `/` (backslashes in paths are normalised). A glob not starting with `/`
 * or `**` may match at any folder boundary, so `secrets/**` also matches
 * `/home/me/project/secrets/key.txt`: for a guard that keeps files away from untrusted providers,
 * matching too much is the safe side.
 */
import picomatch from 'picomatch';

const cache = new Map<string, (path: string) => boolean>();

function matcher(glob: string): (path: string) => boolean {
  let m = cache.get(glob);
  if (!m) {
    const g = glob.replace(/\\/g, '/');
    const negated = /^!+/.exec(g)?.[0] ?? '';
    const body = g.slice(negated.length);
    const anywhere = body.startsWith('/') || body.startsWith('**') ? body : `**/${body}`;
    // posix: bash's [!abc] and [[:digit:]] classes, not only [^abc].
    m = picomatch(negated + anywhere, { nocase: true, dot: true, posix: true });
    if (cache.size > 500) cache.clear();
    cache.set(glob, m);
  }
  return m;
}

/** True if `path` matches `glob`. */
export function matchesGlob(path: string, glob: string): boolean {
  return matcher(glob)(path.replace(/\\/g, '/'));
}
