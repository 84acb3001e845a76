/**
 * The text on one line: line breaks (and the spaces around them) become one
 * space. JSON.parse quotes the input near a syntax error, line breaks and all,
 * and an error message must stay one line a script can read.
 */
export function oneLine(text: string): string {
  return text.replace(/[ \t]*[\r\n]+[ \t]*/g, ' ');
}
