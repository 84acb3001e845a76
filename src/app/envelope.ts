/**
 * age (age-encryption.org/v1) for sealed banks' envelopes: X25519 to the
 * issuer's identity, ASCII-armored so the sealed bank stays one JSON text.
 * age-encryption loads here, on first use, so only `seal` and `issue` on a
 * sealed attempt pay for it.
 */
export async function encryptTo(recipient: string, text: string): Promise<string> {
  const age = await import('age-encryption');
  const encrypter = new age.Encrypter();
  encrypter.addRecipient(recipient);
  return age.armor.encode(await encrypter.encrypt(text));
}

export type Opened = { ok: true; text: string } | { ok: false; message: string };

/** Every way an envelope fails to open (truncated armor, another key, a flipped byte) comes back as a value. */
export async function decryptWith(identity: string, armored: string): Promise<Opened> {
  const age = await import('age-encryption');
  let file: Uint8Array;
  try {
    file = age.armor.decode(armored);
  } catch (error) {
    return { ok: false, message: `its envelope is not age armor (${(error as Error).message}): it is truncated or corrupted` };
  }
  const decrypter = new age.Decrypter();
  decrypter.addIdentity(identity);
  try {
    return { ok: true, text: await decrypter.decrypt(file, 'text') };
  } catch (error) {
    const message = (error as Error).message;
    return {
      ok: false,
      message: /no identity matched/.test(message)
        ? // age's X25519 stanzas do not name their recipient: a damaged stanza and another key's fail alike.
          'its envelope is sealed to another key, not to this issuer (or its key stanza is damaged)'
        : `its envelope does not open (${message}): it is corrupted`,
    };
  }
}
