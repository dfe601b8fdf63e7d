export { HealthTracker } from './tracker';
export type { AttemptSample, ProviderStats, TrackerOptions } from './types';
export { RollingWindow } from './window';
export { Ewma } from './ewma';
export { percentiles, quantileSorted } from './quantile';
