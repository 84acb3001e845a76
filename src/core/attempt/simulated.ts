import type { AttemptRecord } from './types.js';

/**
 * Every simulated attempt's seed starts with this. The seed decides the form,
 * so a record whose `simulated` mark was deleted still gives itself away:
 * changing the seed as well changes the form, which `issue` refuses as altered.
 */
export const SIMULATED_SEED_PREFIX = 'simulate:';

/** Made by `frontline simulate`: marked so, or drawn from a simulator's seed. */
export function isSimulated(record: Pick<AttemptRecord, 'simulated' | 'seed'>): boolean {
  return record.simulated !== undefined || record.seed.startsWith(SIMULATED_SEED_PREFIX);
}
