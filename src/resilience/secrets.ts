/**
 * Detectors for secret-looking content. Each pattern needs a provider-specific prefix or shape,
 * so ordinary code (identifiers, hashes, UUIDs, `apiKey = process.env.X`) does not match.
 */
const DETECTORS: ReadonlyArray<{ name: string; re: RegExp }> = [
  { name: 'Anthropic key', re: /\bsk-ant-[A-Za-z0-9]{2,8}\d{2}-[A-Za-z0-9_-]{20,}/ },
  { name: 'OpenAI key', re: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/ },
  { name: 'AWS access key', re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\b/ },
  { name: 'private key block', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { name: 'GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { name: 'Slack token', re: /\bxox[abposre]-[A-Za-z0-9-]{10,}/ },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'Stripe key', re: /\b[sr]k_live_[0-9A-Za-z]{20,}/ },
  { name: 'JWT', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}/ },
];

/**
 * `name = "value"` or a `NAME=value` line (.env, YAML) where the name ends in key/secret/token/
 * password and the value is a literal of 16+ key characters with both letters and digits, so
 * `token = getToken()`, `password: string` and `tokenizer = "bert-base-v2"` are ignored.
 */
const NAME = String.raw`[\w.-]*(?:api[_-]?key|secret(?:[_-]?key)?|token|passw(?:or)?d|access[_-]?key|auth[_-]?key|private[_-]?key)`;
const VALUE = String.raw`[\w+/=.~-]{16,}`;
const QUOTED = new RegExp(String.raw`(?<![\w.-])["']?${NAME}["']?\s*[:=]\s*(["'\`])(${VALUE})\1`, 'gi');
const ENV_LINE = new RegExp(String.raw`^\s*(?:export\s+)?${NAME}\s*[:=]\s*()(${VALUE})\s*$`, 'gim');

function hasGenericAssignment(text: string): boolean {
  for (const re of [QUOTED, ENV_LINE]) {
    for (const m of text.matchAll(re)) if (/[0-9]/.test(m[2]) && /[A-Za-z]/.test(m[2])) return true;
  }
  return false;
}

/** Names of the kinds of secrets found in `text` (never the secrets themselves), each once. */
export function findSecrets(text: string): string[] {
  const found = DETECTORS.filter((d) => d.re.test(text)).map((d) => d.name);
  if (hasGenericAssignment(text)) found.push('generic api_key= assignment');
  return found;
}
