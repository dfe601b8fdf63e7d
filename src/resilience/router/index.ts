/**
 * The router as the engine uses it. Everything else in this folder is its inside: one chat's life
 * is ChatRun (chatRun.ts), reading top to bottom.
 */
export { CacheAffinity } from './cacheAffinity';
export { ChatRun } from './chatRun';
export type { EngineCore } from './engineCore';
export { HealthNotifier } from './healthEvents';
export { priorityOrder } from './order';
export { probeProvider } from './probe';
export { RecoveryProbes } from './recoveryProbes';
export { ProviderSlot } from './slot';
