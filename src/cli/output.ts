import { styleText } from 'node:util';

/** Writes one JSON document to stdout: the only thing `--json` mode ever prints there. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Colour only for a terminal, never under NO_COLOR (https://no-color.org);
 * FORCE_COLOR forces it. Node 20's styleText does not check either itself.
 */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if ('NO_COLOR' in process.env && process.env['NO_COLOR'] !== '') return false;
  const force = process.env['FORCE_COLOR'];
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return stream.isTTY === true;
}

type Style = Parameters<typeof styleText>[0];

/** Styles text when colour is on. Meaning must never rest on colour alone. */
export function paint(style: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return useColor(stream) ? styleText(style, text) : text;
}
