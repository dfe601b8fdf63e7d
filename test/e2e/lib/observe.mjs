// Records what the browser does that a user would not want hostile model output to cause:
// requests (every URL; any host other than 127.0.0.1 is blocked and reported), dialogs
// (alert/confirm/prompt), new pages or popups, and console errors.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for URLs that never leave the machine (loopback, or handled inside the browser). */
export function isLocal(url) {
  try {
    const u = new URL(url);
    if (['data:', 'blob:', 'about:', 'chrome-extension:', 'devtools:'].includes(u.protocol)) return true;
    return LOOPBACK.has(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Webview resources (`asWebviewUri`) have URLs on the reserved host `*.vscode-resource.vscode-cdn.net`;
 * the webview's service worker answers them from the extension host, so they never reach the
 * network. Only those under `allowedResourceRoot` (the extension's media/ folder) are expected.
 */
function isWebviewResource(url, allowedResourceRoot) {
  try {
    const u = new URL(url);
    return (
      u.hostname.endsWith('.vscode-resource.vscode-cdn.net') &&
      decodeURIComponent(u.pathname).startsWith(allowedResourceRoot)
    );
  } catch {
    return false;
  }
}

export async function watchBrowser(context, page, port, allowedResourceRoot) {
  const requests = [];
  const blocked = [];
  const dialogs = [];
  const console = [];
  const popups = [];
  // Route every request: loopback goes through, anything else is recorded and aborted.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  // Requests the router does not see (those a service worker answers) still show up here.
  context.on('request', (req) => {
    const url = req.url();
    if (isLocal(url) || isWebviewResource(url, allowedResourceRoot)) return;
    if (!blocked.includes(url)) blocked.push(url);
  });
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  page.on('console', (m) => console.push({ type: m.type(), text: m.text(), url: m.location()?.url ?? '' }));
  page.on('pageerror', (e) => console.push({ type: 'pageerror', text: String(e?.message ?? e), url: '' }));
  context.on('page', (p) => p !== page && popups.push(p.url()));
  return {
    requests,
    dialogs,
    console,
    popups,
    port,
    /** Non-loopback URLs the browser tried to reach. */
    remote: () => [...new Set(blocked)],
    /** A mark to look only at what happened after it. */
    mark: () => ({
      requests: requests.length,
      dialogs: dialogs.length,
      console: console.length,
      popups: popups.length,
      blocked: blocked.length,
    }),
    since(mark) {
      return {
        requests: requests.slice(mark.requests),
        dialogs: dialogs.slice(mark.dialogs),
        console: console.slice(mark.console),
        popups: popups.slice(mark.popups),
        blocked: blocked.slice(mark.blocked),
      };
    },
  };
}
