import type { CostSettings } from '../resilience/api';
import type { ModelPrice } from '../resilience/cost/prices';
import type { PacingLimits, PacingSettings } from '../resilience/pacing/limits';
import { DEFAULT_PACING } from '../resilience/pacing/limits';
import { SETTINGS } from './settingsSchema';
import type { SettingReader } from './engineSettings';

export interface Parsed<T> {
  value: T;
  /** One actionable message per rejected entry. */
  problems: string[];
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const name = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Each entry of a list setting that `accept` takes; the others are skipped with a message. */
function entries<T>(key: string, raw: unknown, accept: (e: Record<string, unknown>) => T | string): Parsed<T[]> {
  const problems: string[] = [];
  const value: T[] = [];
  if (raw === undefined || raw === null) return { value, problems };
  if (!Array.isArray(raw)) return { value, problems: [`"switchboard.${key}" must be a list; using none.`] };
  raw.forEach((e: unknown, i) => {
    const r = e && typeof e === 'object' ? accept(e as Record<string, unknown>) : 'is not an object';
    if (typeof r === 'string') problems.push(`switchboard.${key}[${i}] ${r}.`);
    else value.push(r);
  });
  return { value, problems };
}

/** `switchboard.cost.*`: the user's prices (USD per 1M tokens), daily budgets, warning threshold. */
export function readCostSettings(get: SettingReader): Parsed<CostSettings> {
  const prices = entries<ModelPrice>('cost.prices', get('cost.prices'), (e) => {
    if (!name(e.model)) return 'needs "model" (a model id, or the start of one)';
    if (!num(e.input) || !num(e.output))
      return `(${String(e.model)}) needs "input" and "output" prices in USD per 1M tokens (numbers, 0 or more)`;
    for (const k of ['cachedInput', 'cacheWrite'] as const)
      if (e[k] !== undefined && !num(e[k])) return `(${String(e.model)}): "${k}" must be a number, 0 or more`;
    return {
      model: e.model.trim(),
      input: e.input,
      output: e.output,
      ...(num(e.cachedInput) ? { cachedInput: e.cachedInput } : {}),
      ...(num(e.cacheWrite) ? { cacheWrite: e.cacheWrite } : {}),
    };
  });
  const budgets = entries<[string, number]>('cost.dailyBudgets', get('cost.dailyBudgets'), (e) => {
    if (!name(e.provider)) return 'needs "provider" (a provider id)';
    if (!num(e.usd) || e.usd <= 0) return `(${e.provider}) needs "usd", the daily budget in USD (more than 0)`;
    return [e.provider, e.usd];
  });
  const pct = get('cost.budgetWarnPercent');
  const s = SETTINGS['cost.budgetWarnPercent'];
  const warn = num(pct) ? Math.min(s.maximum, Math.max(s.minimum, pct)) : s.default;
  return {
    value: { prices: prices.value, dailyBudgetUsd: Object.fromEntries(budgets.value), warnAt: warn / 100 },
    problems: [...prices.problems, ...budgets.problems],
  };
}

/** `switchboard.pacing.*`: reported headroom on or off, and configured limits per provider. */
export function readPacingSettings(get: SettingReader): Parsed<PacingSettings> {
  const limits = entries<[string, PacingLimits]>('pacing.limits', get('pacing.limits'), (e) => {
    if (!name(e.provider)) return 'needs "provider" (a provider id)';
    const out: PacingLimits = {};
    for (const k of ['rpm', 'tpm', 'concurrency'] as const) {
      if (e[k] === undefined) continue;
      if (!num(e[k]) || (e[k] as number) < 1) return `(${e.provider}): "${k}" must be a number, 1 or more`;
      out[k] = Math.floor(e[k] as number);
    }
    if (Object.keys(out).length === 0) return `(${e.provider}) sets no limit: add "rpm", "tpm" or "concurrency"`;
    return [e.provider, out];
  });
  const headroom = get('pacing.useReportedHeadroom');
  return {
    value: {
      ...DEFAULT_PACING,
      headroom: typeof headroom === 'boolean' ? headroom : SETTINGS['pacing.useReportedHeadroom'].default,
      limits: Object.fromEntries(limits.value),
    },
    problems: limits.problems,
  };
}
