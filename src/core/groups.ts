/**
 * Views list deployments (the models of one configured provider entry, config/deployments.ts)
 * under their entry: the entry's label as a heading, one row per model. One rule for the status
 * bar tooltip, the dashboard, the report and the pickers. Plain data: imports nothing.
 */

/** A row about one deployment: a health snapshot, a dashboard card, a report line. */
export interface DeploymentRow {
  id: string;
  label: string;
  model: string;
  /** The configured entry's id; absent: the row is its own entry. */
  group?: string;
  /** The entry's label; absent: the row's own label. */
  groupLabel?: string;
}

export interface RowGroup<T> {
  /** The configured entry's id. */
  id: string;
  /** Its label, the heading. */
  label: string;
  /** Its deployments in the order they came (never empty). */
  rows: T[];
}

/** Rows grouped by entry; groups in order of their first row, so the user's order still reads. */
export function groupRows<T extends DeploymentRow>(rows: readonly T[]): RowGroup<T>[] {
  const groups = new Map<string, RowGroup<T>>();
  for (const r of rows) {
    const id = r.group ?? r.id;
    const g = groups.get(id) ?? { id, label: r.groupLabel ?? r.label, rows: [] };
    g.rows.push(r);
    groups.set(id, g);
  }
  return [...groups.values()];
}

/** An entry with several models shows a heading; a single-model entry stays one row under its label. */
export const hasHeading = (g: RowGroup<unknown>): boolean => g.rows.length > 1;

/** A row's name under its group: the model under a heading, else the row's own label. */
export function rowName<T extends DeploymentRow>(g: RowGroup<T>, r: T): string {
  return hasHeading(g) ? r.model : r.label;
}

/** A row's name on its own (status bar, notices): "OpenAI · gpt-4o" when its entry lists several models. */
export function soloName<T extends DeploymentRow>(r: T, all: readonly T[]): string {
  const group = r.group ?? r.id;
  const shared = all.some((o) => o !== r && (o.group ?? o.id) === group);
  return shared ? `${r.groupLabel ?? r.label} · ${r.model}` : r.label;
}
