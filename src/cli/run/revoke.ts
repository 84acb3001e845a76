import { UserError } from '../errors.js';
import type { Run } from '../lazy-action.js';

export const run: Run = async () => {
  throw new UserError('revoke: not implemented yet');
};
