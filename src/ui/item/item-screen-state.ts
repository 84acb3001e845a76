/** What the item screen remembers that is not part of the attempt: where the cursor and the scrolled views are. */
export interface ItemScreenState {
  highlighted: number;
  caseOffset: number;
  /**
   * First row shown of an answer area too tall for the screen (a long
   * conversation, long options), once scrolled by hand; undefined follows the
   * highlighted option.
   */
  bodyOffset: number | undefined;
  /** The case study shown full screen instead of the question. */
  caseReader: boolean;
  /** A written item's editor has the keys: every printable key is text, Esc gives them back. */
  writing: boolean;
}

export type ItemScreenAction =
  | { type: 'move'; delta: number; count: number }
  | { type: 'highlight'; index: number }
  | { type: 'case-scroll'; delta: number; max: number }
  | { type: 'body-scroll'; from: number; delta: number; max: number }
  | { type: 'case-reader' }
  | { type: 'writing'; on: boolean };

export const initialItemScreen = ({ highlighted, writing = false }: { highlighted: number; writing?: boolean }): ItemScreenState => ({
  highlighted,
  caseOffset: 0,
  bodyOffset: undefined,
  caseReader: false,
  writing,
});

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));

export function itemScreenReducer(state: ItemScreenState, action: ItemScreenAction): ItemScreenState {
  switch (action.type) {
    case 'move':
      if (action.count === 0) return state;
      // Moving the cursor brings the view back to it.
      return { ...state, highlighted: clamp(state.highlighted + action.delta, action.count - 1), bodyOffset: undefined };
    case 'highlight':
      return { ...state, highlighted: action.index, bodyOffset: undefined };
    case 'case-scroll':
      return { ...state, caseOffset: clamp(state.caseOffset + action.delta, action.max) };
    case 'body-scroll':
      return { ...state, bodyOffset: clamp(action.from + action.delta, action.max) };
    case 'case-reader':
      return { ...state, caseReader: !state.caseReader, caseOffset: 0 };
    case 'writing':
      return state.writing === action.on ? state : { ...state, writing: action.on, caseReader: false };
  }
}
