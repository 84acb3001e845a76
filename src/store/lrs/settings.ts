import type { XapiOptions } from '../../core/xapi/attempt-to-statements.js';
import { authorizationHeader, type LrsSettings } from './client.js';

/**
 * Where the LRS is and who frontline is to it. Never from a bank: a bank is
 * shared between organisations and must not be able to redirect results or
 * carry credentials. Precedence: command line, then environment, then config.
 */
export interface LrsConfigSection {
  endpoint?: string;
  auth?: string;
  homePage?: string;
  activityBase?: string;
  includeItems?: boolean;
}

/** Placeholder identity IRIs (RFC 2606 reserves `.invalid`): statements still queue, and the docs say to set real ones. */
export const UNCONFIGURED_BASE = 'https://frontline.invalid';

export function resolveLrsSettings(
  flags: { lrs?: string | undefined; auth?: string | undefined },
  env: NodeJS.ProcessEnv,
  config: LrsConfigSection,
): LrsSettings | undefined {
  const endpoint = flags.lrs ?? nonEmpty(env['FRONTLINE_LRS_ENDPOINT']) ?? nonEmpty(config.endpoint);
  if (!endpoint) return undefined;
  const auth = flags.auth ?? nonEmpty(env['FRONTLINE_LRS_AUTH']) ?? nonEmpty(config.auth);
  return auth ? { endpoint, authorization: authorizationHeader(auth) } : { endpoint };
}

export function resolveXapiOptions(env: NodeJS.ProcessEnv, config: LrsConfigSection): XapiOptions {
  const items = nonEmpty(env['FRONTLINE_XAPI_ITEMS']);
  return {
    homePage: nonEmpty(env['FRONTLINE_XAPI_HOMEPAGE']) ?? nonEmpty(config.homePage) ?? `${UNCONFIGURED_BASE}/employees`,
    activityBase: nonEmpty(env['FRONTLINE_XAPI_ACTIVITY_BASE']) ?? nonEmpty(config.activityBase) ?? `${UNCONFIGURED_BASE}/xapi`,
    includeItems: items !== undefined ? items === '1' || items === 'true' : config.includeItems === true,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}
