/** Fills unset options from defaults; an explicit `undefined` does not override a default. */
export function withDefaults<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const set = Object.entries(given ?? {}).filter(([, v]) => v !== undefined);
  return { ...defaults, ...(Object.fromEntries(set) as Partial<T>) };
}
