import type { QueueEntry } from '../../core/attempt/marking-queue.js';

/** The levels and comment a marker has chosen for one reply, saved or not. */
export interface MarkDraft {
  levels: Record<string, number>;
  comment: string;
}

/** Longest comment kept: a note for the other markers, not an essay. */
export const MAX_COMMENT_CHARS = 500;

export interface MarkQueueState {
  /** The reply shown. */
  index: number;
  /** The rubric criterion the level keys act on. */
  criterion: number;
  drafts: MarkDraft[];
  /** Saved in this session (what the summary counts). */
  saved: boolean[];
  /** Changed since opened or last saved. */
  dirty: boolean[];
  mode: 'levels' | 'comment' | 'confirm-quit' | 'done' | 'quit';
  /** The comment as it was when the comment line was opened (Esc puts it back). */
  commentBefore: string;
  scroll: number;
  saving: boolean;
  /** Left with Ctrl-C. */
  interrupted?: boolean;
  message?: { text: string; tone: 'info' | 'error' } | undefined;
}

export type MarkQueueAction =
  | { type: 'level'; points: number }
  | { type: 'step-level'; delta: 1 | -1 }
  | { type: 'step-criterion'; delta: 1 | -1 }
  | { type: 'go'; delta: 1 | -1 }
  | { type: 'scroll'; delta: number; max: number }
  | { type: 'comment-open' }
  | { type: 'comment-type'; text: string }
  | { type: 'comment-erase' }
  | { type: 'comment-close'; keep: boolean }
  | { type: 'save-start' }
  | { type: 'save-done'; error?: string }
  /** `force`: Ctrl-C, which leaves at once, whatever is on screen. */
  | { type: 'quit'; force?: boolean }
  | { type: 'quit-cancel' };

export function initMarkQueue(entries: readonly QueueEntry[]): MarkQueueState {
  const drafts = entries.map((e) => ({ levels: { ...(e.own?.levels ?? {}) }, comment: e.own?.comment ?? '' }));
  const first = entries.findIndex((e) => e.own === undefined);
  return {
    index: Math.max(0, first),
    criterion: 0,
    drafts,
    saved: entries.map(() => false),
    dirty: entries.map(() => false),
    // Nothing new to mark: the end of the queue, from which p goes back to change a mark.
    mode: first < 0 ? 'done' : 'levels',
    commentBefore: '',
    scroll: 0,
    saving: false,
  };
}

/** What is still to choose before a reply's mark can be saved. */
export function missingCriteria(entry: QueueEntry, draft: MarkDraft): string[] {
  return entry.item.rubric.filter((c) => draft.levels[c.id] === undefined).map((c) => c.id);
}

/**
 * The marking queue's state machine. Entries are given to every call, as
 * the screen has them: the state holds only what the marker did.
 */
export function markQueueReducer(entries: readonly QueueEntry[]) {
  return (state: MarkQueueState, action: MarkQueueAction): MarkQueueState => {
    const entry = entries[state.index];
    const draft = state.drafts[state.index];
    const setDraft = (next: MarkDraft, extra: Partial<MarkQueueState> = {}): MarkQueueState => ({
      ...state,
      ...extra,
      drafts: state.drafts.map((d, i) => (i === state.index ? next : d)),
      dirty: state.dirty.map((d, i) => (i === state.index ? true : d)),
    });
    if (state.saving && action.type !== 'save-done' && !(action.type === 'quit' && action.force)) return state;
    switch (action.type) {
      case 'level': {
        const criterion = entry?.item.rubric[state.criterion];
        if (!entry || !draft || !criterion || state.mode !== 'levels') return state;
        if (!criterion.levels.some((l) => l.points === action.points)) {
          return { ...state, message: { text: `${criterion.id} has no level ${action.points} (${criterion.levels.map((l) => l.points).join(', ')})`, tone: 'error' } };
        }
        // A digit chooses and moves on to the next criterion: a reply is marked in as many keys as criteria.
        const next = Math.min(entry.item.rubric.length - 1, state.criterion + 1);
        return { ...setDraft({ ...draft, levels: { ...draft.levels, [criterion.id]: action.points } }), criterion: next, message: undefined };
      }
      case 'step-level': {
        const criterion = entry?.item.rubric[state.criterion];
        if (!entry || !draft || !criterion || state.mode !== 'levels') return state;
        const points = criterion.levels.map((l) => l.points);
        const at = draft.levels[criterion.id] === undefined ? -1 : points.indexOf(draft.levels[criterion.id]!);
        const to = at === -1 ? (action.delta > 0 ? 0 : points.length - 1) : Math.max(0, Math.min(points.length - 1, at + action.delta));
        return { ...setDraft({ ...draft, levels: { ...draft.levels, [criterion.id]: points[to]! } }), message: undefined };
      }
      case 'step-criterion': {
        if (!entry || state.mode !== 'levels') return state;
        return { ...state, criterion: Math.max(0, Math.min(entry.item.rubric.length - 1, state.criterion + action.delta)), message: undefined };
      }
      case 'go': {
        if (state.mode !== 'levels' && state.mode !== 'done') return state;
        // From the end of the queue, back goes to the reply last shown.
        const index = state.mode === 'done' ? state.index : Math.max(0, Math.min(entries.length - 1, state.index + action.delta));
        if (entries.length === 0) return state;
        return { ...state, index, criterion: 0, scroll: 0, mode: 'levels', message: undefined };
      }
      case 'scroll':
        return { ...state, scroll: Math.max(0, Math.min(action.max, state.scroll + action.delta)) };
      case 'comment-open':
        if (!draft || state.mode !== 'levels') return state;
        return { ...state, mode: 'comment', commentBefore: draft.comment, message: undefined };
      case 'comment-type': {
        if (!draft || state.mode !== 'comment') return state;
        // One line, printable: a comment is drawn on markers' screens and kept in the marks file.
        const text = action.text.replace(/[\p{Cc}\p{Cf}]/gu, '');
        return setDraft({ ...draft, comment: (draft.comment + text).slice(0, MAX_COMMENT_CHARS) });
      }
      case 'comment-erase':
        if (!draft || state.mode !== 'comment') return state;
        return setDraft({ ...draft, comment: [...draft.comment].slice(0, -1).join('') });
      case 'comment-close':
        if (!draft || state.mode !== 'comment') return state;
        return action.keep ? { ...state, mode: 'levels' } : { ...setDraft({ ...draft, comment: state.commentBefore }), mode: 'levels' };
      case 'save-start': {
        if (!entry || !draft || state.mode !== 'levels') return state;
        const missing = missingCriteria(entry, draft);
        if (missing.length > 0) return { ...state, message: { text: `choose a level for ${missing.join(', ')} first`, tone: 'error' } };
        return { ...state, saving: true, message: { text: 'saving…', tone: 'info' } };
      }
      case 'save-done': {
        if (action.error !== undefined) return { ...state, saving: false, message: { text: action.error, tone: 'error' } };
        const saved = state.saved.map((s, i) => (i === state.index ? true : s));
        const dirty = state.dirty.map((d, i) => (i === state.index ? false : d));
        const open = (i: number) => !saved[i] && entries[i]?.own === undefined;
        const after = entries.findIndex((_, i) => i > state.index && open(i));
        const next = after >= 0 ? after : entries.findIndex((_, i) => open(i));
        if (next < 0) return { ...state, saving: false, saved, dirty, mode: 'done', message: { text: 'saved', tone: 'info' } };
        return { ...state, saving: false, saved, dirty, index: next, criterion: 0, scroll: 0, message: { text: `saved reply ${state.index + 1}`, tone: 'info' } };
      }
      case 'quit':
        if (action.force) return { ...state, mode: 'quit', interrupted: true };
        if (state.mode === 'comment') return state;
        // Levels chosen and not saved are lost on quitting: ask once.
        if (state.mode === 'levels' && state.dirty[state.index]) return { ...state, mode: 'confirm-quit' };
        return { ...state, mode: 'quit' };
      case 'quit-cancel':
        return state.mode === 'confirm-quit' ? { ...state, mode: 'levels' } : state;
      default: {
        const never: never = action;
        throw new Error(`unexpected mark queue action ${JSON.stringify(never)}`);
      }
    }
  };
}
