import { resolve } from 'node:path';
import { toIsoSeconds } from '../../core/credential/build-certificate.js';
import { generateKey, isUrl } from '../../store/keys.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';

interface KeysOptions {
  out: string;
  org?: string;
  url?: string;
  statusUrl?: string;
  force?: boolean;
  json?: boolean;
}

export const run: Run<[string], KeysOptions> = async ([action], options) => {
  if (action !== 'generate') {
    throw new UserError(`keys: unknown action "${action}"`, { exitCode: ExitCode.usage, hint: 'frontline keys generate --org "<organisation>" [--out <dir>]' });
  }
  const org = options.org?.trim();
  if (!org) {
    throw new UserError('keys generate: --org is required: certificates name the organisation that issued them', {
      exitCode: ExitCode.usage,
      hint: 'frontline keys generate --org "Acme Support" --out keys/',
    });
  }
  for (const [flag, value] of [['--url', options.url], ['--status-url', options.statusUrl]] as const) {
    if (value !== undefined && !isUrl(value)) throw new UserError(`keys generate: ${flag}: expected an http(s) URL, found "${value}"`, { exitCode: ExitCode.usage });
  }
  const generated = await generateKey(resolve(options.out), {
    org,
    ...(options.url ? { url: options.url } : {}),
    ...(options.statusUrl ? { statusListUrl: options.statusUrl } : {}),
    force: options.force === true,
  });
  if (options.json) {
    printJson({ did: generated.did, issuer: generated.profile, files: generated.files });
    return ExitCode.ok;
  }
  const f = generated.files;
  writeOut(
    [
      `Generated an Ed25519 signing key for ${org}`,
      `  did:key      ${generated.did}`,
      `  private key  ${f.privatePem}  (mode 0600: keep it on the issuing machine only)`,
      `  public key   ${f.publicPem}, ${f.publicJwk}`,
      `  issuer       ${f.profile}`,
      `  encryption   ${f.encryptionKey}  (mode 0600: sealed banks open with it)`,
      `  status list  ${generated.profile.statusListUrl}`,
      '',
      'Verifiers trust this key with (give them issuer.json, or the did:key):',
      `  frontline trust add ${f.profile} --from ${toIsoSeconds(new Date()).slice(0, 10)} --trust trust.json`,
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
};
