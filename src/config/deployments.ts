import type { ProviderEntry } from './providers';

/**
 * A configured provider entry may list several models; each model is a *deployment* (entry +
 * model + endpoint) with its own health, breaker, cooldown, pacing and cost. Everything after the
 * settings parser routes deployments as ordinary ProviderEntry objects:
 * - the first model keeps the entry's id and label, so every single-model config, test and
 *   setting (`routing.order`, pinned provider, saved key) works unchanged;
 * - each further model gets the id `${entryId}/${model}` and a label like "OpenAI · gpt-4o-mini";
 * - all carry `group` (the entry id) and `groupLabel` (the entry label).
 * Keys stay per entry and origin: one key serves every deployment of an entry.
 */

/** The models an entry lists: `model` first, then `models`, without repeats. Empty: use the default. */
export function listedModels(model: unknown, models: unknown, where: string, problems: string[]): string[] {
  const out: string[] = [];
  const add = (m: unknown) => {
    if (typeof m === 'string' && m.trim() !== '' && !out.includes(m.trim())) out.push(m.trim());
  };
  add(model);
  if (models === undefined) return out;
  if (!Array.isArray(models) || models.some((m) => typeof m !== 'string' || m.trim() === '')) {
    problems.push(`${where}.models must be a list of model names like ["gpt-4o", "gpt-4o-mini"]; using ${out.length ? `"${out[0]}" only` : 'the default model'}.`);
    return out;
  }
  models.forEach(add);
  return out;
}

/** The deployment id of `model` as the `index`-th model of entry `entryId`. */
export function deploymentId(entryId: string, model: string, index: number): string {
  return index === 0 ? entryId : `${entryId}/${model}`;
}

/** One entry (already carrying its first model) expanded into one deployment per model. */
export function expandDeployments(entry: ProviderEntry, models: readonly string[]): ProviderEntry[] {
  const all = models.length ? models : [entry.model];
  return all.map((model, i) => ({
    ...entry,
    id: deploymentId(entry.id, model, i),
    label: i === 0 ? entry.label : `${entry.label} · ${model}`,
    model,
    group: entry.id,
    groupLabel: entry.label,
  }));
}

/** The configured entry a deployment belongs to (its own id for entries built outside the parser). */
export const groupOf = (e: Pick<ProviderEntry, 'id' | 'group'>): string => e.group ?? e.id;

/** The entry's own label, without the model suffix of a further deployment. */
export const groupLabelOf = (e: Pick<ProviderEntry, 'label' | 'groupLabel'>): string => e.groupLabel ?? e.label;

/** The first deployment of its entry: the one that stands for the entry (its key, its settings). */
export const isGroupHead = (e: Pick<ProviderEntry, 'id' | 'group'>): boolean => groupOf(e) === e.id;
