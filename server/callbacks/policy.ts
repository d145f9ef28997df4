/**
 * How callbacks are attempted. Defaults follow the automatic-callback practice in DOMAIN.md:
 * three tries, two hours apart.
 */
export interface CallbackPolicy {
  maxAttempts: number;
  retrySpacingSeconds: number;
}

export const DEFAULT_CALLBACK_POLICY: CallbackPolicy = { maxAttempts: 3, retrySpacingSeconds: 2 * 3600 };
