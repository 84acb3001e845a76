import { hasBrand } from './brand.js';

const CONFIG_FILE_ERROR: unique symbol = Symbol.for('frontline.ConfigFileError');

/**
 * config.json exists but cannot be used (not JSON, not an object). Kept apart
 * from config.ts so the top-level error printer can recognise it without
 * loading conf.
 */
export class ConfigFileError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, CONFIG_FILE_ERROR);
  }

  readonly [CONFIG_FILE_ERROR] = true;
  readonly file: string;

  constructor(file: string, reason: string, options: { cause?: unknown } = {}) {
    super(`${file}: ${reason}`, options);
    this.name = 'ConfigFileError';
    this.file = file;
  }
}
