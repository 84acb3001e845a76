import { DELIVERY_MODES, type Competency, type DeliveryMode, type FeedbackPolicy, type Item, type Policy } from './types.js';

/** A policy with every optional field decided, so no caller re-derives a default. */
export interface ResolvedPolicy {
  timeLimitMinutes: number;
  itemTimeLimitSeconds: number | undefined;
  onExpiry: 'submit' | 'grace';
  graceSeconds: number;
  passMark: number;
  draws: Record<string, number>;
  shuffleItems: boolean;
  shuffleOptions: boolean;
  allowBack: boolean;
  allowFlag: boolean;
  showReview: boolean;
  feedback: FeedbackPolicy;
  maxAttempts: number | undefined;
  cooldownHours: number;
  validityMonths: number | undefined;
}

export function resolvePolicy(policy: Policy): ResolvedPolicy {
  const onExpiry = policy.onExpiry ?? 'submit';
  return {
    timeLimitMinutes: policy.timeLimitMinutes,
    itemTimeLimitSeconds: policy.itemTimeLimitSeconds,
    onExpiry,
    graceSeconds: onExpiry === 'grace' ? (policy.graceSeconds ?? 0) : 0,
    passMark: policy.passMark,
    draws: policy.draws ?? {},
    shuffleItems: policy.shuffle?.items ?? true,
    shuffleOptions: policy.shuffle?.options ?? true,
    allowBack: policy.navigation?.back ?? true,
    allowFlag: policy.navigation?.flag ?? true,
    showReview: policy.navigation?.review ?? true,
    feedback: policy.feedback ?? 'competency',
    maxAttempts: policy.attempts?.max,
    cooldownHours: policy.attempts?.cooldownHours ?? 0,
    validityMonths: policy.certificate?.validityMonths,
  };
}

export const competencyWeight = (c: Competency): number => c.weight ?? 1;
export const competencyFloor = (c: Competency): number => c.floor ?? 0;
export const itemPoints = (item: Item): number => item.points ?? 1;

/** The item's handle-time limit in seconds, if any (item overrides policy). */
export function itemTimeLimitSeconds(item: Item, policy: Policy): number | undefined {
  return item.timeLimitSeconds ?? policy.itemTimeLimitSeconds;
}

/**
 * The delivery modes whose attempts may earn a certificate on this bank. A
 * bank that says nothing accepts all three, as every bank did before
 * `policy.delivery` existed; certification banks name `[hosted, sealed]`.
 */
export function acceptedDelivery(policy: Policy): readonly DeliveryMode[] {
  return policy.delivery ?? DELIVERY_MODES;
}
