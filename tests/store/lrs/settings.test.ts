import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attemptToStatements } from '../../../src/core/xapi/attempt-to-statements.js';
import { queueForLrs } from '../../../src/app/queue-statements.js';
import { resolveLrsSettings, resolveXapiOptions, UNCONFIGURED_BASE } from '../../../src/store/lrs/settings.js';
import { readOutbox } from '../../../src/store/outbox.js';
import { finishedAttempt } from '../../fixtures/attempt-builder.js';

const basic = (s: string): string => `Basic ${Buffer.from(s).toString('base64')}`;

describe('resolveLrsSettings', () => {
  const env = { FRONTLINE_LRS_ENDPOINT: 'https://env.example/xapi', FRONTLINE_LRS_AUTH: 'env:key' };
  const config = { endpoint: 'https://config.example/xapi', auth: 'Basic Y29uZmln' };

  it.each([
    ['flags over everything', { lrs: 'https://flag.example/xapi', auth: 'flag:key' }, env, config, { endpoint: 'https://flag.example/xapi', authorization: basic('flag:key') }],
    ['environment over config', {}, env, config, { endpoint: 'https://env.example/xapi', authorization: basic('env:key') }],
    ['config last', {}, {}, config, { endpoint: 'https://config.example/xapi', authorization: 'Basic Y29uZmln' }],
    ['empty environment values do not count', {}, { FRONTLINE_LRS_ENDPOINT: ' ', FRONTLINE_LRS_AUTH: '' }, config, { endpoint: 'https://config.example/xapi', authorization: 'Basic Y29uZmln' }],
    ['no credentials is allowed', {}, { FRONTLINE_LRS_ENDPOINT: 'https://open.example/xapi' }, {}, { endpoint: 'https://open.example/xapi' }],
    ['nothing configured', {}, {}, {}, undefined],
  ])('%s', (_name, flags, environment, section, expected) => {
    expect(resolveLrsSettings(flags, environment, section)).toEqual(expected);
  });
});

describe('resolveXapiOptions', () => {
  it('reads the environment, then the config, then placeholders under .invalid', () => {
    expect(resolveXapiOptions({ FRONTLINE_XAPI_HOMEPAGE: 'https://hr.example', FRONTLINE_XAPI_ITEMS: '1' }, { activityBase: 'https://lms.example/fl' })).toEqual({
      homePage: 'https://hr.example',
      activityBase: 'https://lms.example/fl',
      includeItems: true,
    });
    expect(resolveXapiOptions({}, {})).toEqual({ homePage: `${UNCONFIGURED_BASE}/employees`, activityBase: `${UNCONFIGURED_BASE}/xapi`, includeItems: false });
    expect(resolveXapiOptions({ FRONTLINE_XAPI_ITEMS: '0' }, { includeItems: true }).includeItems).toBe(false);
  });
});

describe('queueForLrs', () => {
  it('queues nothing on a machine without an LRS, and the attempt statements on one with it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontline-queue-'));
    try {
      const { record, bank } = finishedAttempt();
      expect(await queueForLrs(dataDir, record, bank, {}, {})).toEqual({ queued: false });
      expect(readdirSync(dataDir)).toEqual([]);

      const config = { endpoint: 'https://lrs.example/xapi', homePage: 'https://hr.example', activityBase: 'https://lms.example/fl' };
      const result = await queueForLrs(dataDir, record, bank, config, {});
      const { entries } = await readOutbox(dataDir);
      expect(entries[0]!.content.statements).toEqual(attemptToStatements(record, bank, { homePage: 'https://hr.example', activityBase: 'https://lms.example/fl', includeItems: false }));
      expect(result).toEqual({ queued: true, file: entries[0]!.file, statements: entries[0]!.content.statements.length });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
