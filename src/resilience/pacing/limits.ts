/** Limits a user configures for one provider (its account's published limits, or a share of them). */
export interface PacingLimits {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens (input + output) per minute. */
  tpm?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

export interface PacingSettings {
  /** Use the rate-limit headroom providers report in their response headers. */
  headroom: boolean;
  /** Configured limits by provider id. */
  limits: Record<string, PacingLimits>;
  /** Headroom under this fraction of the limit counts as low (the provider moves back in the order). */
  lowFraction: number;
}

export const DEFAULT_PACING: PacingSettings = { headroom: true, limits: {}, lowFraction: 0.1 };
