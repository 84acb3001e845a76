import { useLayoutEffect, useRef } from 'react';
import { Box, Text } from 'ink';
import { linesToAnnounce, useTranscript } from './transcript.js';

/**
 * One row of a screen. Screens are built as lists of rows so their height is
 * known before drawing (an 80x24 terminal leaves no room for guessing). Style
 * only ever repeats what the text already says: colour is never the message.
 */
export interface Line {
  text: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  color?: 'green' | 'red' | 'yellow' | 'cyan';
  /** Changes with the clock: a screen reader hears it when its screen appears, not on every tick. */
  ticks?: boolean;
  /** Where a text cursor is drawn (inverse): the character at this UTF-16 index of `text`, or a space after it at its end. */
  cursor?: number;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The row split around its cursor cell: before, the cell (one grapheme, or a space at the end), after. */
export function cursorCell(text: string, cursor: number): [string, string, string] {
  if (cursor >= text.length) return [text, ' ', ''];
  const seg = graphemes.segment(text).containing(cursor);
  const end = seg ? seg.index + seg.segment.length : cursor + 1;
  return [text.slice(0, cursor), text.slice(cursor, end), text.slice(end)];
}

function CursorRow({ l, cursor }: { l: Line; cursor: number }) {
  const [before, cell, after] = cursorCell(l.text, cursor);
  return (
    <Text bold={l.bold} dimColor={l.dim} color={l.color} wrap="truncate-end">
      {before}
      <Text inverse>{cell}</Text>
      {after}
    </Text>
  );
}

export const line = (text: string, style: Omit<Line, 'text'> = {}): Line => ({ text, ...style });

export function Lines({ lines }: { lines: Line[] }) {
  const transcript = useTranscript();
  const heard = useRef<Line[] | undefined>(undefined);
  // After every render: the transcript takes only what is new since this screen last spoke.
  useLayoutEffect(() => {
    if (!transcript) return;
    transcript.announce(linesToAnnounce(heard.current, lines));
    heard.current = lines;
  });
  if (transcript) return null;
  return (
    <Box flexDirection="column">
      {lines.map((l, i) =>
        l.cursor !== undefined ? (
          <CursorRow key={i} l={l} cursor={l.cursor} />
        ) : (
          <Text key={i} bold={l.bold} dimColor={l.dim} inverse={l.inverse} color={l.color} wrap="truncate-end">
            {l.text === '' ? ' ' : l.text}
          </Text>
        ),
      )}
    </Box>
  );
}
