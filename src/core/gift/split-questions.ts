/** One question's text as it stands in the file, with the line it starts on. */
export interface GiftBlock {
  /** 1-based line of the block's first line (comments included). */
  line: number;
  /** 1-based line of the first line that is not a `//` comment: where the question is. */
  questionLine: number;
  /** Only `//` comment lines: nothing to parse. */
  commentOnly: boolean;
  text: string;
}

/**
 * Splits a GIFT file into questions the way Moodle reads it: a question ends at
 * a blank line. Parsing block by block gives every question its line number
 * (gift-pegjs does not report one) and lets one broken question be reported
 * while the rest still convert.
 */
export function splitGiftQuestions(source: string): GiftBlock[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const blocks: GiftBlock[] = [];
  let current: string[] = [];
  let start = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    const firstQuestion = current.findIndex((l) => !/^\s*\/\//.test(l));
    blocks.push({ line: start, questionLine: start + Math.max(0, firstQuestion), commentOnly: firstQuestion === -1, text: current.join('\n') });
    current = [];
  };
  lines.forEach((text, index) => {
    if (text.trim() === '') {
      flush();
      return;
    }
    if (current.length === 0) start = index + 1;
    current.push(text);
  });
  flush();
  return blocks;
}
