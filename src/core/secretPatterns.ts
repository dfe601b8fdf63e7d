/**
 * Secret shapes, in one list: sensitivity detection (resilience/sensitivity/secrets.ts) keeps
 * messages holding one away from untrusted providers, and redaction (redact.ts) blanks them out of
 * logs, errors and reports. Each pattern needs a provider-specific prefix or shape, so ordinary
 * code (identifiers, hashes, UUIDs, `apiKey = process.env.X`) does not match.
 */
export interface SecretPattern {
  /** The kind of secret, as events and the UI name it (never the secret itself). */
  name: string;
  /** Matches the whole secret (so redaction removes all of it). Not global: callers add flags. */
  re: RegExp;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { name: 'Anthropic key', re: /\bsk-ant-[A-Za-z0-9]{2,8}\d{2}-[A-Za-z0-9_-]{20,}/ },
  { name: 'OpenAI key', re: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/ },
  { name: 'AWS access key', re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\b/ },
  // Up to the END line (or the end of the text): the key material is what must not leak.
  {
    name: 'private key block',
    re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*)/,
  },
  { name: 'GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { name: 'Slack token', re: /\bxox[abposre]-[A-Za-z0-9-]{10,}/ },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'Stripe key', re: /\b[sr]k_live_[0-9A-Za-z]{20,}/ },
  { name: 'JWT', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}/ },
];
