import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { Static, Text, useIsScreenReaderEnabled } from 'ink';
import type { Line } from './line.js';

interface Transcript {
  announce(texts: readonly string[]): void;
}

const TranscriptContext = createContext<Transcript | undefined>(undefined);

/** The transcript screens write to in screen-reader mode; undefined otherwise. */
export const useTranscript = (): Transcript | undefined => useContext(TranscriptContext);

/**
 * The rows of a screen a screen reader has not yet heard: all of them for a
 * screen just shown; then only rows that are new. A row that changes with the
 * clock (`ticks`) is read when its screen appears, never again on its own, and
 * a row that only lost the "> " pointer (the highlight moved on) is not read
 * again: the newly highlighted row says where the reader is.
 */
export function linesToAnnounce(before: readonly Line[] | undefined, after: readonly Line[]): string[] {
  if (before === undefined) return after.map((l) => l.text);
  const heard = new Set(before.map((l) => l.text));
  return after
    .filter((l) => !l.ticks && l.text.trim() !== '' && !heard.has(l.text))
    .filter((l) => !(l.text.startsWith('  ') && heard.has(`> ${l.text.slice(2)}`)))
    .map((l) => l.text);
}

/**
 * In screen-reader mode the screens are not drawn: what they show is appended
 * to one transcript, in reading order, through Ink's <Static> (written once,
 * never erased or redrawn), so a screen reader reads each thing once, and a
 * clock tick writes nothing. Elsewhere this is a plain wrapper.
 */
export function TranscriptRoot({ children }: { children: ReactNode }) {
  const plain = useIsScreenReaderEnabled();
  const [entries, setEntries] = useState<Array<{ id: number; text: string }>>([]);
  const nextId = useRef(0);
  const transcript = useMemo<Transcript>(
    () => ({
      announce(texts) {
        if (texts.length === 0) return;
        const added = texts.map((text) => ({ id: (nextId.current += 1), text }));
        setEntries((all) => [...all, ...added]);
      },
    }),
    [],
  );
  if (!plain) return <>{children}</>;
  return (
    <TranscriptContext.Provider value={transcript}>
      <Static items={entries}>{(entry) => <Text key={entry.id}>{entry.text === '' ? ' ' : entry.text}</Text>}</Static>
      {children}
    </TranscriptContext.Provider>
  );
}
