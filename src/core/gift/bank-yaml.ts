import { stringify } from 'yaml';
import type { Bank } from '../bank/types.js';
import type { GiftFinding } from './gift-to-bank.js';

export interface ImportedBankYamlOptions {
  /** Modeline target, relative to the written file. */
  schemaRef: string;
  /** The GIFT file, as named on the command line. */
  source: string;
  findings: GiftFinding[];
}

/**
 * The converted bank as YAML, headed by the schema modeline and a comment that
 * lists what was left out or changed, with GIFT line numbers, so the trainer
 * reviewing the file sees it without the terminal output.
 */
export function importedBankYaml(bank: Bank, options: ImportedBankYamlOptions): string {
  const header = [
    `# yaml-language-server: $schema=${options.schemaRef}`,
    '#',
    `# Converted from ${oneLine(options.source)} by frontline import gift.`,
    '# Review the policy (time limit, pass mark) and competencies: GIFT does not carry them.',
  ];
  const skipped = options.findings.filter((f) => f.kind === 'skipped');
  const changed = options.findings.filter((f) => f.kind === 'changed');
  if (skipped.length > 0) {
    header.push('#', `# Not converted (${skipped.length}):`);
    for (const f of skipped) header.push(`#   line ${f.line}: ${oneLine(f.message)}`);
  }
  if (changed.length > 0) {
    header.push('#', `# Converted with changes (${changed.length}):`);
    for (const f of changed) header.push(`#   line ${f.line} (${f.itemId}): ${oneLine(f.message)}`);
  }
  return `${header.join('\n')}\n\n${stringify(bank, { lineWidth: 0 })}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
