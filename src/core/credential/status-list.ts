import { gunzipSync, gzipSync } from 'node:zlib';

/** Bits in a new list: the spec's minimum (16 KiB), so one index says little about who holds it. */
export const STATUS_LIST_BITS = 131_072;
/** Refuse to inflate beyond this: a status list is never this large, a gzip bomb may be. */
const MAX_DECODED_BYTES = 16 * 1024 * 1024;

export const emptyStatusList = (bits = STATUS_LIST_BITS): Uint8Array => new Uint8Array(Math.ceil(bits / 8));

/** Bit 0 is the most significant bit of the first byte (W3C Bitstring Status List §4.2). */
export function getStatusBit(list: Uint8Array, index: number): boolean {
  const byte = list[index >> 3];
  if (byte === undefined) throw new RangeError(`status index ${index} is outside the list`);
  return ((byte >> (7 - (index & 7))) & 1) === 1;
}

export function setStatusBit(list: Uint8Array, index: number, value: boolean): Uint8Array {
  const out = new Uint8Array(list);
  const at = index >> 3;
  if (at >= out.length || index < 0) throw new RangeError(`status index ${index} is outside the list`);
  const mask = 1 << (7 - (index & 7));
  out[at] = value ? (out[at] as number) | mask : (out[at] as number) & ~mask;
  return out;
}

/** `encodedList`: multibase base64url (`u`, no padding) of the GZIP-compressed bitstring. */
export function encodeStatusList(list: Uint8Array): string {
  return `u${gzipSync(list, { level: 9 }).toString('base64url')}`;
}

/** @returns the bitstring, or null when the text is not a `u`-multibase gzip of one. */
export function decodeStatusList(encoded: string): Uint8Array | null {
  if (!encoded.startsWith('u') || !/^[A-Za-z0-9_-]*$/.test(encoded.slice(1))) return null;
  try {
    return new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), 'base64url'), { maxOutputLength: MAX_DECODED_BYTES }));
  } catch {
    return null;
  }
}

export interface StatusListCredentialInput {
  /** The URL certificates name in `credentialStatus.statusListCredential`. */
  id: string;
  issuer: { id: string; name?: string };
  validFrom: string;
  list: Uint8Array;
}

/** An unsigned BitstringStatusListCredential for revocation. */
export function buildStatusListCredential(input: StatusListCredentialInput): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer.name ? { id: input.issuer.id, name: input.issuer.name } : input.issuer.id,
    validFrom: input.validFrom,
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeStatusList(input.list),
    },
  };
}
