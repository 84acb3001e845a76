import stripAnsi from 'strip-ansi';
import { loadBankForDelivery } from '../../app/load-bank.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { useColor, writeOut } from '../output.js';

interface PreviewOptions {
  item?: string;
  answers?: boolean;
  screenReader?: boolean;
}

/** Prints items as a candidate would see them; a static render, so it works in a pipe too. */
export const run: Run<[string], PreviewOptions> = async ([file], options) => {
  const { bank, sealed } = await loadBankForDelivery(file);
  if (sealed && options.answers) {
    // A sealed copy holds its key only in the envelope, which opens with the issuer's key alone.
    throw new UserError(`${file}: the answers are sealed: this copy's key is encrypted to the issuer`, {
      exitCode: ExitCode.usage,
      hint: 'preview it without --answers, or preview the full bank it was sealed from',
    });
  }
  const items = options.item ? bank.items.filter((i) => i.id === options.item) : bank.items;
  if (items.length === 0) {
    const known = bank.items.slice(0, 8).map((i) => i.id).join(', ');
    throw new UserError(`${file}: no item with id "${options.item}"`, {
      exitCode: ExitCode.usage,
      hint: `items in this bank include: ${known}${bank.items.length > 8 ? ', ...' : ''}`,
    });
  }
  const { renderPreview } = await import('../../ui/preview/render-preview.js');
  const plain = options.screenReader === true || process.env['INK_SCREEN_READER'] === 'true';
  const width = Math.max(40, (process.stdout.isTTY ? process.stdout.columns : 80) || 80) - 1;
  const text = renderPreview(bank, items, { answers: options.answers === true, width, plain });
  writeOut(`${useColor() ? text : stripAnsi(text)}\n`);
  return ExitCode.ok;
};
