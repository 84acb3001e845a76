import { DELIVERY_MODES, type DeliveryMode } from '../bank/types.js';

const DELIVERY_PREFIX = 'urn:frontline:delivery:';

/**
 * The delivery mode a certificate says it was earned under (its `Delivery`
 * evidence); certificates from before the field say nothing, and count as open.
 */
export function deliveryOf(doc: Record<string, unknown>): DeliveryMode {
  const evidence = Array.isArray(doc['evidence']) ? doc['evidence'] : [];
  for (const e of evidence) {
    const id = typeof e === 'object' && e !== null ? (e as Record<string, unknown>)['id'] : undefined;
    if (typeof id === 'string' && id.startsWith(DELIVERY_PREFIX)) {
      const mode = id.slice(DELIVERY_PREFIX.length);
      if ((DELIVERY_MODES as readonly string[]).includes(mode)) return mode as DeliveryMode;
    }
  }
  return 'open';
}
