import { groupRows, hasHeading } from '../core/groups';
import { usd } from '../core/money';
import type { ProviderHealth } from '../resilience/api';
import type { SpendRow } from '../resilience/cost/ledger';
import { PRICES_AS_OF } from '../resilience/cost/prices';

/** One deployment's spend on one day, named by its provider entry and model. */
export type ReportSpendRow = SpendRow & { provider: string; model: string; group: string };

/**
 * Spend rows named for the report: per day (newest first), the deployments of one provider entry
 * together in the user's order. A deployment no longer configured keeps its id as its name.
 */
export function spendRows(spend: readonly SpendRow[], health: readonly ProviderHealth[]): ReportSpendRow[] {
  const rank = new Map(groupRows(health).flatMap((g) => g.rows).map((h, i) => [h.id, i]));
  const named = spend.map((r): ReportSpendRow => {
    const h = health.find((x) => x.id === r.providerId);
    const provider = h?.groupLabel ?? h?.label ?? r.providerId;
    return { ...r, provider, model: h?.model ?? '—', group: h?.group ?? r.providerId };
  });
  const order = (id: string) => rank.get(id) ?? rank.size;
  return named.sort((a, b) => b.day.localeCompare(a.day) || order(a.providerId) - order(b.providerId));
}

const line = (day: string, provider: string, model: string, r: Omit<SpendRow, 'day' | 'providerId'>) =>
  `| ${day} | ${provider} | ${model} | ${usd(r.usd)} | ${usd(r.estimatedUsd)} | ${r.answers} | ${r.cutAttempts} | ` +
  `${r.unpriced} | ${r.inputTokens} | ${r.cachedInputTokens} | ${r.outputTokens} |`;

/** Adds up a provider entry's models of one day. */
function total(rows: readonly ReportSpendRow[]): Omit<SpendRow, 'day' | 'providerId'> {
  const sum = (k: Exclude<keyof SpendRow, 'day' | 'providerId'>) => rows.reduce((n, r) => n + r[k], 0);
  return {
    usd: sum('usd'),
    estimatedUsd: sum('estimatedUsd'),
    answers: sum('answers'),
    cutAttempts: sum('cutAttempts'),
    unpriced: sum('unpriced'),
    inputTokens: sum('inputTokens'),
    cachedInputTokens: sum('cachedInputTokens'),
    outputTokens: sum('outputTokens'),
  };
}

/**
 * Spend per model per day; a provider entry with several models gets a line for all of them
 * together. Answers of models without a price are counted apart, not as free.
 */
export function spendSection(rows: readonly ReportSpendRow[]): string[] {
  const body: string[] = [];
  for (const day of [...new Set(rows.map((r) => r.day))]) {
    const ofDay = rows.filter((r) => r.day === day).map((r) => ({ ...r, id: r.providerId, label: r.provider }));
    for (const g of groupRows(ofDay)) {
      body.push(...g.rows.map((r) => line(day, r.provider, r.model, r)));
      if (hasHeading(g)) body.push(line(day, g.label, `all ${g.rows.length} models`, total(g.rows)));
    }
  }
  return [
    '## Spend',
    '',
    `By the price table (your \`switchboard.cost.prices\`, else list prices of ${PRICES_AS_OF}; prices change). ` +
      'Attempts cut off after producing tokens (hedges that lost, dropped streams, stopped answers) are billed too; ' +
      'where their provider sent no usage, their tokens are estimated (input from the request, output from the text ' +
      'received) and their cost is counted under "of which estimated".',
    '',
    ...(rows.length
      ? [
          '| Day | Provider | Model | Spent | of which estimated | Answers | Cut attempts | Unpriced | Input tokens | ' +
            'of which cached | Output tokens |',
          '|---|---|---|---|---|---|---|---|---|---|---|',
          ...body,
        ]
      : ['No usage recorded.']),
    '',
  ];
}
