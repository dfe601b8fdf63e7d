/**
 * A tiny glob matcher for sensitivity rules: `**` (any path, including none), `*` (within one
 * segment), `?` (one character), `{a,b}` (alternatives). Matching is case-insensitive and uses `/`
 * (backslashes in paths are normalised). A glob not starting with `/` may match at any folder
 * boundary, so `secrets/**` also matches `/home/me/project/secrets/key.txt`: for a guard that keeps
 * files away from untrusted providers, matching too much is the safe side.
 */
export function globToRegExp(glob: string): RegExp {
  const g = glob.replace(/\\/g, '/');
  let re = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      const slashAfter = g[i + 2] === '/';
      re += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') (braces++, (re += '(?:'));
    else if (c === '}' && braces > 0) (braces--, (re += ')'));
    else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  const anchored = g.startsWith('/') || g.startsWith('**');
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${re}$`, 'i');
}

/** True if `path` matches `glob`. */
export function matchesGlob(path: string, glob: string): boolean {
  return globToRegExp(glob).test(path.replace(/\\/g, '/'));
}
