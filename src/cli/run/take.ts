import { UserError } from '../errors.js';
import type { Run } from '../lazy-action.js';
import type { TakeOptions } from './take-options.js';
import { assertInteractiveTerminal } from './take-terminal.js';

export const run: Run<[string | undefined], TakeOptions> = async () => {
  // Checked before anything else loads, so a script learns at once that it cannot take a test.
  assertInteractiveTerminal();
  throw new UserError('take: not implemented yet');
};
