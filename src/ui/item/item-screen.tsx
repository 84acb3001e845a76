import { useIsScreenReaderEnabled } from 'ink';
import type { CaseStudy, Item } from '../../core/bank/types.js';
import type { FormEntry, Response } from '../../core/attempt/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { Lines, line, type Line } from '../layout/line.js';
import { useTranscript } from '../layout/transcript.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useSyncReducer } from '../hooks/use-sync-reducer.js';
import type { TimeWarning } from '../widgets/countdown.js';
import type { ExternalEditOutcome } from '../../core/text/draft-buffer.js';
import { keyHintRows, type KeyHint } from '../widgets/key-hints.js';
import { plural } from '../widgets/plural.js';
import { scrollWindow } from '../widgets/scroll-window.js';
import { layoutCase } from './case-panel.js';
import { layoutItemBody } from './item-body.js';
import { initialItemScreen, itemScreenReducer } from './item-screen-state.js';
import { choiceCount, scenarioFinished, scenarioPath } from './respond.js';
import { headerLines, timeLeftWords } from './item-header.js';
import { WrittenItemScreen } from './written-screen.js';
import { initialHighlight, useItemInput, type ItemLayoutFacts } from './use-item-input.js';

const UNSCROLLED_BODY = { bodyAt: 0, bodyMax: 0, bodyPage: 1 };

export interface ItemScreenProps {
  item: Item;
  entry: FormEntry;
  caseStudy: CaseStudy | undefined;
  /** 0-based position on the form. */
  index: number;
  total: number;
  answeredCount: number;
  response: Response | null;
  /** Counts as answered (a conversation only once it has ended). */
  answered: boolean;
  flagged: boolean;
  /** Answers can no longer change (handle time ran out, or the conversation ended). */
  locked: boolean;
  /** The item's handle time ran out. */
  timedOut: boolean;
  /** The time warning the attempt says is due (session `dueWarning`). */
  warning: TimeWarning;
  /** In the grace period after the deadline: answers are marked late. */
  late: boolean;
  testRemainingMs: number;
  itemRemainingMs: number | undefined;
  canGoBack: boolean;
  canFlag: boolean;
  isLast: boolean;
  now: () => number;
  /** Gives a new response, computed from the latest one the attempt holds. */
  onAnswer: (update: (current: Response | null) => Response | undefined) => void;
  onNext: () => void;
  onPrevious: () => void;
  onFlag: () => void;
  onReview: () => void;
  onSubmit: () => void;
  onHelp: () => void;
  onQuit: () => void;
  /** The candidate asked for the time left (t); the screen reader mode says it. */
  onTime?: () => void;
  /** A written reply's draft, at every change (the driver shows it at once and journals it in batches). */
  onWrite?: (text: string) => void;
  /** The editor gave the keys back (Esc) or the candidate quits from it: journal the draft now. */
  onFlush?: () => void;
  /**
   * Ctrl-O in a written reply: the candidate's own editor ($VISUAL or $EDITOR), run with the
   * terminal handed over (the store's editInExternalEditor, passed down by the command).
   * Absent (the exam host, where it would be a shell on the host), Ctrl-O says it is not available.
   */
  editExternally?: ((text: string) => ExternalEditOutcome) | undefined;
}

export interface ItemLayoutInput extends ItemScreenProps {
  highlighted: number;
  caseOffset: number;
  bodyOffset: number | undefined;
  caseReader: boolean;
  columns: number;
  rows: number;
  plain: boolean;
}

/** "1-4" for four options: the digits that do something here. */
const digits = (from: number, to: number): string => (Math.min(to, 9) <= from ? String(from) : `${from}-${Math.min(to, 9)}`);

/**
 * The keys that answer this item as it stands, in the words the help screen
 * uses, and whether Enter also goes on (then "Enter/n next" says both).
 */
function answerHints(p: ItemLayoutInput): { keys: KeyHint[]; enterGoesOn: boolean } {
  const { item } = p;
  const count = choiceCount(item, p.entry, p.response);
  switch (item.type) {
    case 'rating':
      return {
        keys: [
          { keys: 'up/down', does: 'pick' },
          { keys: digits(item.scale.min, item.scale.max), does: 'rate & go down' },
          { keys: 'left/right', does: 'change' },
        ],
        enterGoesOn: true,
      };
    case 'ordering':
      return { keys: [{ keys: 'up/down', does: 'pick' }, { keys: 'u/d', does: 'move it' }, { keys: 'Enter', does: 'confirm & next' }], enterGoesOn: false };
    case 'multiple':
      return { keys: [{ keys: `space/${digits(1, count)}`, does: 'tick' }], enterGoesOn: true };
    case 'single':
    case 'true-false':
      return { keys: [{ keys: digits(1, count), does: 'choose' }, { keys: 'Enter', does: 'choose & next' }], enterGoesOn: false };
    case 'scenario':
      return scenarioFinished(item, scenarioPath(p.response))
        ? { keys: [], enterGoesOn: true }
        : { keys: [{ keys: `up/down ${digits(1, count)}`, does: 'pick' }, { keys: 'Enter', does: 'say it' }], enterGoesOn: false };
    case 'written':
      return { keys: [], enterGoesOn: true };
  }
}

function hints(p: ItemLayoutInput): KeyHint[] {
  const answer = answerHints(p);
  // A locked answer takes no keys; naming them would only mislead. Enter still goes on.
  const keys = p.locked ? [] : answer.keys;
  const enterGoesOn = p.locked || answer.enterGoesOn;
  return [
    ...keys,
    ...(p.canGoBack ? [{ keys: 'p', does: 'back' }] : []),
    { keys: enterGoesOn ? 'Enter/n' : 'n', does: 'next' },
    ...(p.canFlag ? [{ keys: 'f', does: 'flag' }] : []),
    { keys: 'r', does: 'review' },
    ...(p.caseStudy ? [{ keys: 'c', does: 'case' }] : []),
    { keys: '?', does: 'help' },
  ];
}

/** The rows of the item screen, fitted to the terminal: the case gives way so the question and options always show. */
function layoutItemScreen(p: ItemLayoutInput): { lines: Line[] } & ItemLayoutFacts {
  const width = Math.max(20, p.columns - 1);
  const header = headerLines(p, width);
  const footer = keyHintRows(hints(p), width).map((t) => line(t, { dim: true }));
  const caseLines = p.caseStudy ? layoutCase(p.caseStudy, width) : [];

  if (p.plain) {
    // Screen readers get everything in reading order; nothing is windowed away.
    const body = layoutItemBody({ ...p, width, plain: true });
    return {
      lines: [...header, ...caseLines, line(''), ...wrapText(sanitizeText(p.item.stem), width).map((t) => line(t, { bold: true })), ...body, ...footer],
      caseMax: 0,
      casePage: 0,
      ...UNSCROLLED_BODY,
    };
  }

  if (p.caseReader && p.caseStudy) {
    const height = p.rows - header.length - 2;
    const view = scrollWindow(caseLines, p.caseOffset, height, 'PgUp/PgDn');
    return {
      lines: [...header, ...view.lines, line('c or Esc: back to the question   PgUp/PgDn: scroll', { dim: true })],
      caseMax: Math.max(0, caseLines.length - (height - 2)),
      casePage: Math.max(1, height - 3),
      ...UNSCROLLED_BODY,
    };
  }

  const stem = wrapText(sanitizeText(p.item.stem), width).map((t) => line(t, { bold: true }));
  const body = layoutItemBody({ ...p, width, plain: false });
  // One row is kept free: a frame as tall as the terminal makes Ink clear the whole screen on each update.
  const free = p.rows - 1 - header.length - footer.length - stem.length - body.length;
  let caseBlock: Line[] = [];
  let caseMax = 0;
  let casePage = 1;
  if (caseLines.length > 0) {
    if (free - 1 >= caseLines.length) caseBlock = [...caseLines, line('')];
    else if (free - 1 >= 5) {
      const view = scrollWindow(caseLines, p.caseOffset, free - 1, 'PgUp/PgDn, c: full screen');
      caseBlock = [...view.lines, line('')];
      caseMax = Math.max(0, caseLines.length - (free - 3));
      casePage = Math.max(1, free - 4);
    } else {
      caseBlock = wrapHanging('Case: ', `${sanitizeText(p.caseStudy?.title ?? '')} (${plural(caseLines.length, 'line')}): press c to read it`, width).map((t) => line(t, { bold: true }));
    }
  }
  const room = p.rows - 1 - header.length - footer.length - caseBlock.length - stem.length;
  // Too little room to window the answers under the whole question: the tight layout.
  if (room < MIN_BODY_ROOM && Math.min(body.length, MIN_BODY_ROOM) > room) return layoutTight(p, width, header, stem, body);
  const fitted = fitBody(body, room, p.bodyOffset);
  return { lines: [...header, ...caseBlock, ...stem, ...fitted.lines, ...footer], caseMax, casePage, bodyAt: fitted.at, bodyMax: fitted.max, bodyPage: fitted.page };
}

/** Fewest rows an answer area is windowed in: a row each for "more above", the highlighted option and "more below". */
const MIN_BODY_ROOM = 4;

/**
 * A small window (40x12 is the least the size guard allows): the title line and
 * any notice stay, the progress bar and the case go to one line, the keys to
 * one line, and the question and its answers share one window that always
 * shows the question's first line and the highlighted option.
 */
function layoutTight(p: ItemLayoutInput, width: number, header: Line[], stem: Line[], body: Line[]): { lines: Line[] } & ItemLayoutFacts {
  const top = [header[0]!, ...header.slice(2)];
  const caseLine = p.caseStudy ? [line(`Case: ${sanitizeText(p.caseStudy.title)}: press c`, { bold: true })] : [];
  const footer = [line(keyHintRows([{ keys: '?', does: 'keys' }, ...hints(p).filter((h) => h.keys !== '?')], width)[0] ?? '? keys', { dim: true })];
  const [first, ...restOfStem] = stem;
  const room = p.rows - 1 - top.length - caseLine.length - footer.length - 1;
  const fitted = fitBody([...restOfStem, ...body], Math.max(MIN_BODY_ROOM - 1, room), p.bodyOffset);
  // Scrolled to the top, the window's empty "more above" row would split the question's first line from the rest.
  const windowed = fitted.max > 0 && fitted.at === 0 ? fitted.lines.slice(1) : fitted.lines;
  return {
    lines: [...top, ...caseLine, ...(first ? [first] : []), ...windowed, ...footer],
    caseMax: 0,
    casePage: 1,
    bodyAt: fitted.at,
    bodyMax: fitted.max,
    bodyPage: fitted.page,
  };
}

/**
 * A window on an answer area taller than its room. Unless scrolled by hand it
 * shows as much of the end as keeps the highlighted option in view: a
 * conversation's latest line and replies are at the end, and so is the outcome
 * of one that is over (which has no highlighted option).
 */
function fitBody(body: Line[], room: number, chosen: number | undefined, maxContext = 2): { lines: Line[]; at: number; max: number; page: number } {
  if (body.length <= room || room <= 2) return { lines: body, at: 0, max: 0, page: 1 };
  const inner = room - 2;
  const max = body.length - inner;
  let auto = max;
  const first = body.findIndex((l) => l.inverse);
  if (first >= 0) {
    let last = first;
    while (body[last + 1]?.inverse) last += 1;
    // Two rows of what leads up to the option, when they fit beside it.
    const context = Math.max(0, Math.min(maxContext, inner - (last - first + 1)));
    auto = Math.min(max, Math.max(0, first - context));
  }
  const view = scrollWindow(body, chosen ?? auto, room, 'PgUp/PgDn');
  return { lines: view.lines, at: view.offset, max, page: Math.max(1, inner - 1) };
}

/** The item screen: a written reply has its own (an editor); every other type is answered by keys here. */
export function ItemScreen(props: ItemScreenProps) {
  const { item } = props;
  return item.type === 'written' ? <WrittenItemScreen {...props} item={item} /> : <ChoiceItemScreen {...props} />;
}

function ChoiceItemScreen(props: ItemScreenProps) {
  const { columns, rows } = useTerminalSize();
  const plain = useIsScreenReaderEnabled();
  const transcript = useTranscript();
  const [state, dispatch, latestState] = useSyncReducer(itemScreenReducer, { highlighted: initialHighlight(props) }, initialItemScreen);
  const layout = layoutItemScreen({ ...props, ...state, columns, rows, plain });
  useItemInput({ ...props, onTime: () => transcript?.announce([timeLeftWords(props)]) }, latestState, dispatch, layout);
  return <Lines lines={layout.lines} />;
}
