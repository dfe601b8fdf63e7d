import type { ProtocolId } from '../core/provider';
import { modelFamily } from '../providers/models/capabilities';
import type { ChainRoute } from '../resilience/api';

/**
 * `switchboard.chains`: named fallback chains ("virtual models"), e.g. Claude Sonnet through its
 * vendor, then through a gateway, then another family. Validated against the configured
 * providers; a broken chain is skipped with a message saying how to fix it.
 */

/** What a step can name: a provider entry, or one deployment of an entry that lists several models. */
export interface Deployment {
  id: string;
  label: string;
  protocol: ProtocolId;
  model: string;
  /** The provider entry a deployment belongs to (entries that list several `models`). */
  group?: string;
}

/** A step names a deployment by its id ("anthropic") or as "<entry id>/<model>" ("openrouter/anthropic/claude-sonnet-4.5"). */
export function resolveStep<D extends Deployment>(deployments: readonly D[], step: string): D | undefined {
  return (
    deployments.find((d) => d.id === step) ?? deployments.find((d) => `${d.group ?? d.id}/${d.model}` === step)
  );
}

/**
 * Same-family steps first (the family of the first step), the others after them, each group in
 * the order listed: "the same model elsewhere" before "another model".
 */
export function familyFirst<T extends { family: string }>(steps: readonly T[]): T[] {
  const first = steps[0]?.family;
  return [...steps.filter((s) => s.family === first), ...steps.filter((s) => s.family !== first)];
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export interface ChainParse {
  chains: ChainRoute[];
  /** One actionable message per rejected chain or step. */
  problems: string[];
}

/** Validates `switchboard.chains` against the deployments (every configured provider, keyless ones included). */
export function parseChainSettings(raw: unknown, deployments: readonly Deployment[]): ChainParse {
  const problems: string[] = [];
  const chains: ChainRoute[] = [];
  if (raw === undefined || raw === null) return { chains, problems };
  if (!Array.isArray(raw)) return { chains, problems: ['"switchboard.chains" must be a list of chains; using none.'] };
  const seen = new Set<string>();
  const known = deployments.map((d) => (d.group ? `${d.group}/${d.model}` : d.id)).join(', ');
  raw.forEach((entry: Record<string, unknown> | undefined, i) => {
    const where = `switchboard.chains[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry))
      return void problems.push(`${where} must be an object like { "id": "sonnet", "steps": ["anthropic", "openai"] }; skipped.`);
    const id = str(entry.id);
    if (!id || !ID_RE.test(id))
      return void problems.push(`${where}: "id" must be set and use only letters, digits, ".", "_" and "-"; chain skipped.`);
    const name = `chain "${id}" (${where})`;
    if (seen.has(id)) return void problems.push(`${name}: duplicate id; give each chain its own id. Skipped.`);
    if (resolveStep(deployments, id))
      return void problems.push(`${name}: "${id}" is already a provider id; rename the chain. Skipped.`);
    const order = entry.order ?? 'family-first';
    if (order !== 'family-first' && order !== 'as-listed')
      return void problems.push(`${name}: "order" must be "family-first" or "as-listed"; chain skipped.`);
    const rawSteps = Array.isArray(entry.steps) ? entry.steps : undefined;
    if (!rawSteps || rawSteps.length === 0)
      return void problems.push(`${name} has no steps: list deployments in "steps", e.g. ["anthropic", "openai"]. Skipped.`);
    const steps: (Deployment & { family: string })[] = [];
    for (const s of rawSteps) {
      const d = typeof s === 'string' ? resolveStep(deployments, s.trim()) : undefined;
      if (!d) {
        const what = typeof s === 'string' ? `step "${s}" names no configured provider` : 'a step is not a string';
        return void problems.push(`${name}: ${what}. Use a provider id or "<provider id>/<model>" (known: ${known || 'none'}). Chain skipped.`);
      }
      if (steps.some((x) => x.id === d.id)) return void problems.push(`${name}: step "${s}" is listed twice. Chain skipped.`);
      steps.push({ ...d, family: modelFamily(d.protocol, d.model) });
    }
    seen.add(id);
    const ordered = order === 'as-listed' ? steps : familyFirst(steps);
    chains.push({
      id,
      label: str(entry.label) ?? id,
      steps: ordered.map((d) => ({ providerId: d.id, family: d.family, label: d.label })),
    });
  });
  return { chains, problems };
}
