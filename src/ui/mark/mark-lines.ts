import type { QueueEntry } from '../../core/attempt/marking-queue.js';
import type { Mark, MarkRole } from '../../core/attempt/marking.js';
import { writtenForDisplay } from '../../core/attempt/written.js';
import type { Bank } from '../../core/bank/types.js';
import { countWords } from '../../core/text/count-words.js';
import { sanitizeLine, sanitizeText } from '../../core/text/sanitize.js';
import { layoutCase } from '../item/case-panel.js';
import { layoutRubric, writtenShape } from '../item/written.js';
import { line, type Line } from '../layout/line.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';
import { keyHintRows } from '../widgets/key-hints.js';
import { scrollWindow } from '../widgets/scroll-window.js';
import type { MarkQueueState } from './mark-queue-state.js';

export interface MarkScreenProps {
  bank: Bank;
  entries: readonly QueueEntry[];
  role: MarkRole;
  /** Show candidates' names and ids (off by default: marking is anonymous). */
  showNames: boolean;
  /** Replies waiting for a third marker, for the note in first and second marking. */
  awaitingThird: number;
}

const ROLE_TITLE: Record<MarkRole, string> = { first: 'first mark', second: 'second mark (blind)', third: 'third mark' };

/** A short reference to the attempt that names no one: the first 8 characters of its id. */
export const replyRef = (attemptId: string): string => sanitizeLine(attemptId.slice(0, 8));

function levelsOf(entry: QueueEntry, mark: Mark): string {
  return entry.item.rubric.map((c) => `${sanitizeLine(c.id)} ${mark.levels[c.id] ?? '-'}`).join(', ');
}

/** What the marker reads, top to bottom: the marks to settle (third marker), the question, the reply, the case, the rubric. */
export function layoutReply(props: MarkScreenProps, entry: QueueEntry, width: number): Line[] {
  const { item } = entry;
  const out: Line[] = [];
  // The third marker is there to settle the two marks: they come first.
  if (entry.disagreement) {
    const { first, second, criteria } = entry.disagreement;
    out.push(line('First and second marks (they differ on ' + criteria.map(sanitizeLine).join(', ') + '):', { bold: true }));
    for (const mark of [first, second]) {
      out.push(...wrapHanging(`  ${mark.role}, ${sanitizeLine(mark.marker)}: `, levelsOf(entry, mark), width).map((t) => line(t)));
      if (mark.comment) out.push(...wrapHanging('    comment: ', sanitizeText(mark.comment), width).map((t) => line(t, { dim: true })));
    }
    out.push(line(''));
  }
  out.push(...wrapText(sanitizeText(item.stem), width).map((t) => line(t, { bold: true })));
  out.push(...wrapText(writtenShape(item), width).map((t) => line(t, { dim: true })));
  out.push(line(''));
  const text = writtenForDisplay(entry.text);
  out.push(line(`The reply (${countWords(entry.text)} words):`, { bold: true }));
  for (const row of wrapText(text.replace(/\r\n?/g, '\n'), width - 2)) out.push(line(`  ${row}`));
  out.push(line(''));
  const study = item.case ? props.bank.cases?.find((c) => c.id === item.case) : undefined;
  if (study) out.push(...layoutCase(study, width), line(''));
  out.push(...layoutRubric(item, width));
  return out;
}

/** The criterion the keys act on, its levels, and the one chosen with its descriptor. */
function layoutCriterion(entry: QueueEntry, state: MarkQueueState, width: number): Line[] {
  const rubric = entry.item.rubric;
  const criterion = rubric[state.criterion]!;
  const draft = state.drafts[state.index]!;
  const chosen = draft.levels[criterion.id];
  const other = entry.disagreement ? ` (first ${entry.disagreement.first.levels[criterion.id] ?? '-'}, second ${entry.disagreement.second.levels[criterion.id] ?? '-'})` : '';
  const out: Line[] = [line(`Criterion ${state.criterion + 1} of ${rubric.length}: ${sanitizeLine(criterion.criterion)}${other}`.slice(0, width), { bold: true })];
  // Every level with its descriptor, so the marker applies the rubric without scrolling to it;
  // the one chosen is marked and shown whole, the others cut to a row.
  for (const level of criterion.levels) {
    const isChosen = level.points === chosen;
    const rows = wrapHanging(`${isChosen ? '>' : ' '} ${level.points}  `, sanitizeText(level.descriptor), width - 1);
    const shown = isChosen ? rows.slice(0, 2) : rows.slice(0, 1).map((r) => (rows.length > 1 ? `${r.slice(0, width - 2)}…` : r));
    out.push(...shown.map((t) => line(t, isChosen ? { bold: true } : { dim: chosen !== undefined })));
  }
  // Room for the chosen descriptor's extra rows whether or not one is chosen: the reply above does not jump.
  while (out.length < 1 + criterion.levels.length + 1) out.push(line(''));
  const summary = rubric.map((c) => `${sanitizeLine(c.id)} ${draft.levels[c.id] ?? '-'}`).join(' · ');
  out.push(line(`Levels: ${summary}`.slice(0, width)));
  const comment = state.mode === 'comment' ? `Comment: ${sanitizeLine(draft.comment)}` : `Comment: ${draft.comment ? sanitizeLine(draft.comment) : '(none; c adds one)'}`;
  const shown = comment.length > width ? `…${comment.slice(comment.length - width + 1)}` : comment;
  out.push(state.mode === 'comment' ? line(shown, { cursor: shown.length }) : line(shown, { dim: !draft.comment }));
  return out;
}

function hints(state: MarkQueueState, width: number): string[] {
  switch (state.mode) {
    case 'comment':
      return keyHintRows([{ keys: 'type', does: 'the comment' }, { keys: 'Enter:', does: 'keep it' }, { keys: 'Esc:', does: 'undo' }], width);
    case 'confirm-quit':
      return ['Levels on this reply are not saved. q: quit anyway  Esc: go back'.slice(0, width)];
    case 'levels':
    case 'done':
    case 'quit':
      return keyHintRows(
        [
          { keys: 'digits or ←/→:', does: 'level' },
          { keys: '↑/↓:', does: 'criterion' },
          { keys: 'c:', does: 'comment' },
          { keys: 'Enter:', does: 'save' },
          { keys: 'n/s:', does: 'skip' },
          { keys: 'p:', does: 'back' },
          { keys: 'PgUp/PgDn:', does: 'scroll' },
          { keys: 'q:', does: 'quit' },
        ],
        width,
      );
    default: {
      const never: never = state.mode;
      throw new Error(`unexpected mode ${String(never)}`);
    }
  }
}

export interface MarkScreenLayout {
  lines: Line[];
  /** Rows of the reply's content past the window (the furthest scroll). */
  maxScroll: number;
  /** Rows the content window shows (PgDn moves by this much). */
  window: number;
}

/** The whole screen in `height` rows: a header, the reply in a window that scrolls, the criterion, the keys. */
export function layoutMarkScreen(props: MarkScreenProps, state: MarkQueueState, width: number, height: number): MarkScreenLayout {
  const total = props.entries.length;
  if (state.mode === 'done' || total === 0) {
    const saved = state.saved.filter(Boolean).length;
    const rows = [line(`Marking: ${ROLE_TITLE[props.role]}`, { bold: true }), line('')];
    rows.push(line(total === 0 ? 'Nothing waits for this marking.' : `Every reply in this queue has your mark (${saved} saved now).`));
    if (props.role !== 'third' && props.awaitingThird > 0) rows.push(...thirdNote(props.awaitingThird, width));
    rows.push(line(''), line(total === 0 ? 'q: quit' : 'q: quit  p: back, to see or change a mark', { dim: true }));
    return { lines: rows, maxScroll: 0, window: 0 };
  }
  const entry = props.entries[state.index]!;
  const who = props.showNames ? ` · ${sanitizeLine(entry.candidate.name)} (${sanitizeLine(entry.candidate.employeeId)})` : '';
  const header = line(`Marking: ${ROLE_TITLE[props.role]} · reply ${state.index + 1} of ${total} · ${sanitizeLine(entry.item.id)} · ref ${replyRef(entry.attemptId)}${who}`.slice(0, width), { bold: true });
  const status = statusLine(props, entry, state, width);
  const bottom = [line('-'.repeat(width), { dim: true }), ...layoutCriterion(entry, state, width), ...hints(state, width).map((t) => line(t, { dim: true }))];
  const windowRows = Math.max(3, height - 2 - bottom.length);
  const content = layoutReply(props, entry, width);
  const view = scrollWindow(content, state.scroll, windowRows);
  const padding = Array.from({ length: Math.max(0, windowRows - view.lines.length) }, () => line(''));
  return { lines: [header, status, ...view.lines, ...padding, ...bottom], maxScroll: Math.max(0, content.length - (windowRows - 2)), window: Math.max(1, windowRows - 2) };
}

function thirdNote(count: number, width: number): Line[] {
  const text = `${count} ${count === 1 ? 'reply waits' : 'replies wait'} for a third marker (first and second differ beyond the tolerance): frontline mark --third`;
  return wrapText(text, width).map((t) => line(t, { color: 'yellow' }));
}

function statusLine(props: MarkScreenProps, entry: QueueEntry, state: MarkQueueState, width: number): Line {
  if (state.message) return line(sanitizeLine(state.message.text).slice(0, width), { color: state.message.tone === 'error' ? 'red' : 'green' });
  if (state.saved[state.index]) return line('Saved in this session; marking it again saves a new mark (the latest stands).'.slice(0, width), { color: 'green' });
  if (entry.own) return line(sanitizeLine(`You marked this at ${entry.own.at}; saving again replaces it (the latest stands).`).slice(0, width), { color: 'cyan' });
  if (props.role !== 'third' && props.awaitingThird > 0) return line(`${props.awaitingThird} waiting for a third marker: frontline mark --third`.slice(0, width), { color: 'yellow' });
  return line('');
}
