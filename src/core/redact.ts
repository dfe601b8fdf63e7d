/** Removes anything key-shaped, and every known secret, from text bound for logs, errors or UI. */
import { SECRET_PATTERNS } from './secretPatterns';

/** The shared secret shapes, then broader key-shaped text that only redaction needs to catch. */
const KEY_PATTERNS: RegExp[] = [
  ...SECRET_PATTERNS.map((p) => new RegExp(p.re.source, `${p.re.flags}g`)),
  /\bsk-[A-Za-z0-9_\-]{8,}/g, // OpenAI / Anthropic style, even short or truncated
  /\b(?:Bearer|bearer)\s+[A-Za-z0-9._\-~+/]{8,}=*/g, // Authorization headers
  /(["']?(?:api[_-]?key|x-api-key|authorization|token)["']?\s*[:=]\s*["']?)[^"'\s,}]{6,}/gi,
];

export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  }
  for (const re of KEY_PATTERNS) {
    out = out.replace(re, (m, prefix?: string) =>
      typeof prefix === 'string' && prefix.length < m.length ? `${prefix}[redacted]` : '[redacted]',
    );
  }
  return out;
}
