import { useIsScreenReaderEnabled } from 'ink';
import type { CaseStudy, WrittenItem } from '../../core/bank/types.js';
import { MAX_WRITTEN_CHARS } from '../../core/attempt/written.js';
import { countWords } from '../../core/text/count-words.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { draftEditorHints } from '../editor/draft-editor.js';
import { useDraftEditor } from '../editor/use-draft-editor.js';
import { useSyncReducer } from '../hooks/use-sync-reducer.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { Lines, line, type Line } from '../layout/line.js';
import { useTranscript } from '../layout/transcript.js';
import { wrapText } from '../layout/wrap.js';
import { keyHintRows, type KeyHint } from '../widgets/key-hints.js';
import { plural } from '../widgets/plural.js';
import { scrollWindow } from '../widgets/scroll-window.js';
import { layoutCase } from './case-panel.js';
import { headerLines, timeLeftWords, type HeaderInput } from './item-header.js';
import type { ItemScreenProps } from './item-screen.js';
import { initialItemScreen, itemScreenReducer, type ItemScreenState } from './item-screen-state.js';
import { useItemInput, type ItemLayoutFacts } from './use-item-input.js';
import { layoutWrittenReply, writtenShape } from './written.js';

export type WrittenScreenProps = ItemScreenProps & { item: WrittenItem };

export interface WrittenLayoutInput extends HeaderInput, Pick<ItemScreenState, 'caseReader' | 'caseOffset'> {
  item: WrittenItem;
  caseStudy: CaseStudy | undefined;
  locked: boolean;
  canGoBack: boolean;
  canFlag: boolean;
  canEditExternally: boolean;
  /** The editor has the keys. */
  editing: boolean;
  columns: number;
  rows: number;
}

/** Fewest rows of text the editor shows, and the most (a taller window gives the rest to the case). */
const EDITOR_MIN_ROWS = 3;
const EDITOR_MAX_ROWS = 14;
/** Rows the editor is given before the case takes any: enough to see a paragraph being written. */
const EDITOR_COMFORT_ROWS = 6;

function writtenHints(p: WrittenLayoutInput): KeyHint[] {
  if (p.editing) return draftEditorHints({ canEditExternally: p.canEditExternally, plain: p.plain });
  return [
    ...(p.locked ? [] : [{ keys: 'Enter/w', does: 'write' }]),
    ...(p.canGoBack ? [{ keys: 'p', does: 'back' }] : []),
    { keys: p.locked ? 'Enter/n' : 'n', does: 'next' },
    ...(p.canFlag ? [{ keys: 'f', does: 'flag' }] : []),
    { keys: 'r', does: 'review' },
    { keys: 's', does: 'submit' },
    { keys: 'c', does: p.caseStudy ? 'case' : 'question' },
    { keys: '?', does: 'help' },
  ];
}

/** One row naming the case and how to read it, the title shortened to fit: the case gave way to the editor. */
function caseRow(p: WrittenLayoutInput, lines: number, width: number): Line {
  const long = ` (${plural(lines, 'line')}; ${p.editing ? 'Esc, then c' : 'c'} to read)`;
  // A narrow window keeps a few letters of the title beside the key to read it.
  const tail = width - 'Case: '.length - long.length >= 12 ? long : ` (${p.editing ? 'Esc, c' : 'c'}: read)`;
  const title = sanitizeText(p.caseStudy?.title ?? '');
  const room = Math.max(1, width - 'Case: '.length - tail.length);
  const shown = [...title].length <= room ? title : `${[...title].slice(0, Math.max(1, room - 3)).join('')}...`;
  return line(`Case: ${shown}${tail}`, { bold: true });
}

/**
 * The parts of the screen that do not depend on the editor, and how many text
 * rows the editor gets. In a small window (too few rows for the question, the
 * case line and three rows of reply) the progress bar and the reply's shape go
 * (the status line still gives the word limits) and the keys take one row.
 */
export function writtenFrame(p: WrittenLayoutInput) {
  const width = Math.max(20, p.columns - 1);
  const fullHeader = headerLines(p, width);
  const fullFooter = keyHintRows(writtenHints(p), width).map((t) => line(t, { dim: true }));
  const caseLines = p.caseStudy ? layoutCase(p.caseStudy, width) : [];
  const stem = wrapText(sanitizeText(p.item.stem), width).map((t) => line(t, { bold: true }));
  const fullShape = wrapText(writtenShape(p.item), width).map((t) => line(t, { dim: true }));
  const caseMin = p.caseStudy ? 1 : 0;
  // The editor's status line and a notice take two rows beside its text; one row is kept free (as on every screen).
  const least = caseMin + 2 + EDITOR_MIN_ROWS + 2;
  const roomy = p.rows - 1 - fullHeader.length - fullFooter.length - fullShape.length >= least;
  const header = roomy ? fullHeader : [fullHeader[0]!, ...fullHeader.slice(2)];
  const footer = roomy ? fullFooter : fullFooter.slice(0, 1);
  const shape = roomy ? fullShape : [];
  const avail = p.rows - 1 - header.length - footer.length - shape.length;
  const stemRoom = Math.max(1, avail - caseMin - EDITOR_MIN_ROWS - 2);
  const shortStem =
    stem.length <= stemRoom
      ? stem
      : [...stem.slice(0, Math.max(0, stemRoom - 1)), line(`... (${p.editing ? 'Esc, then ' : ''}c: the whole question)`, { dim: true })];
  const spare = avail - shortStem.length - caseMin - 2;
  const comfortable = Math.max(EDITOR_MIN_ROWS, Math.min(EDITOR_COMFORT_ROWS, spare));
  const caseExtra = p.caseStudy ? Math.max(0, Math.min(caseLines.length + 1 - caseMin, spare - comfortable)) : 0;
  const editorHeight = Math.max(EDITOR_MIN_ROWS, Math.min(EDITOR_MAX_ROWS, spare - caseExtra));
  return { width, header, footer, caseLines, stem, shortStem, shape, fullShape, avail, editorHeight };
}

/** The whole screen, given the editor's rows (or, on a locked item, the reply as recorded). */
export function layoutWritten(p: WrittenLayoutInput, reply: Line[]): { lines: Line[] } & ItemLayoutFacts {
  const f = writtenFrame(p);
  const none = { caseMax: 0, casePage: 1, bodyAt: 0, bodyMax: 0, bodyPage: 1 };
  if (p.plain) {
    // Screen readers get everything in reading order; nothing is windowed away.
    return { lines: [...f.header, ...f.caseLines, line(''), ...f.stem, ...f.shape, ...reply, ...f.footer], ...none };
  }
  if (p.caseReader) {
    // The case and the whole question, which the writing screen may have had to shorten.
    const content = [...f.caseLines, ...(f.caseLines.length > 0 ? [line('')] : []), ...f.stem, ...f.fullShape];
    const height = p.rows - f.header.length - 2;
    const view = scrollWindow(content, p.caseOffset, height, 'PgUp/PgDn');
    return {
      lines: [...f.header, ...view.lines, line('c or Esc: back to your reply   PgUp/PgDn: scroll', { dim: true })],
      ...none,
      caseMax: Math.max(0, content.length - (height - 2)),
      casePage: Math.max(1, height - 3),
    };
  }
  const room = f.avail - f.shortStem.length - reply.length;
  let caseBlock: Line[] = [];
  let caseMax = 0;
  let casePage = 1;
  if (p.caseStudy) {
    if (room - 1 >= f.caseLines.length) caseBlock = [...f.caseLines, line('')];
    else if (room - 1 >= 5) {
      const view = scrollWindow(f.caseLines, p.caseOffset, room - 1, p.editing ? 'Esc, then PgUp/PgDn' : 'PgUp/PgDn, c: full screen');
      caseBlock = [...view.lines, line('')];
      caseMax = Math.max(0, f.caseLines.length - (room - 3));
      casePage = Math.max(1, room - 4);
    } else {
      caseBlock = [caseRow(p, f.caseLines.length, f.width)];
    }
  }
  return { lines: [...f.header, ...caseBlock, ...f.shortStem, ...f.shape, ...reply, ...f.footer], caseMax, casePage, bodyAt: 0, bodyMax: 0, bodyPage: 1 };
}

/**
 * A written item: the case and the question above, the reply's editor below
 * with its word count against the limits. The editor has the keys when the
 * item opens (every printable key is text, Enter a new line); Esc gives them
 * back to the take (n, p, f, r, s, c, ?), and Enter or w returns to writing.
 * Each change goes to `onWrite` (the driver journals it in batches); leaving
 * the editor or quitting from it calls `onFlush` first. A locked item (its
 * time ran out) shows the reply as recorded.
 */
export function WrittenItemScreen(props: WrittenScreenProps) {
  const { columns, rows } = useTerminalSize();
  const plain = useIsScreenReaderEnabled();
  const transcript = useTranscript();
  const [state, dispatch, latestState] = useSyncReducer(itemScreenReducer, { highlighted: 0, writing: !props.locked }, initialItemScreen);
  const editing = state.writing && !props.locked && !state.caseReader;
  const input: WrittenLayoutInput = { ...props, ...state, plain, editing, columns, rows, canEditExternally: props.editExternally !== undefined };
  const frame = writtenFrame(input);
  const recorded = props.response?.type === 'written' ? props.response.text : '';
  const editor = useDraftEditor({
    text: recorded,
    // Rows are drawn one column wider than they wrap, for the cursor after a full row.
    width: frame.width - 1,
    height: frame.editorHeight,
    limits: props.item.words,
    maxLength: MAX_WRITTEN_CHARS,
    countWords,
    onChange: (text) => props.onWrite?.(text),
    onLeave: () => {
      props.onFlush?.();
      dispatch({ type: 'writing', on: false });
    },
    onQuit: () => {
      props.onFlush?.();
      props.onQuit();
    },
    editExternally: props.editExternally,
    isActive: editing,
  });
  const reply = props.locked ? layoutWrittenReply(recorded, frame.width) : editor.lines;
  const layout = layoutWritten(input, reply);
  useItemInput({ ...props, onTime: () => transcript?.announce([timeLeftWords(props)]) }, latestState, dispatch, layout, !editing);
  return <Lines lines={layout.lines} />;
}
