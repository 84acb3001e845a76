/**
 * Words as a word processor counts them (Microsoft Word, LibreOffice, Google
 * Docs for English, `wc -w`): runs of non-space characters, so "don't",
 * "24/7", "£32" and "ORD-5512" are one word each. The one count for a written
 * reply's limits: the editor's live count, `validate`'s model-answer check,
 * the record and the marker's screen. Text without spaces between words
 * (Chinese, Japanese) counts as one word per run; the banks are in English.
 */
export function countWords(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}
