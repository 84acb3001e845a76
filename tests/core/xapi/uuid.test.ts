import { describe, expect, it } from 'vitest';
import { isUuid, uuidV5 } from '../../../src/core/xapi/uuid.js';

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  it.each([
    // RFC 9562 appendix A.4 (UUIDv5 example).
    ['www.example.com', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    // Python documentation, uuid module examples: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
    ['python.org', '886313e1-3b8a-5372-9b90-0c9aee199e5d'],
  ])('matches the published vector for %s', (name, expected) => {
    expect(uuidV5(name, DNS)).toBe(expected);
  });

  it('gives different ids for different names and a valid version-5 UUID', () => {
    const a = uuidV5('a', DNS);
    expect(a).not.toBe(uuidV5('b', DNS));
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe('5');
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(/namespace/);
  });
});
