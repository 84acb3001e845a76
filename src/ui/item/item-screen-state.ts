/** What the item screen remembers that is not part of the attempt: where the cursor and the case view are. */
export interface ItemScreenState {
  highlighted: number;
  caseOffset: number;
  /** The case study shown full screen instead of the question. */
  caseReader: boolean;
}

export type ItemScreenAction =
  | { type: 'move'; delta: number; count: number }
  | { type: 'highlight'; index: number }
  | { type: 'case-scroll'; delta: number; max: number }
  | { type: 'case-reader' };

export const initialItemScreen = (highlighted: number): ItemScreenState => ({ highlighted, caseOffset: 0, caseReader: false });

export function itemScreenReducer(state: ItemScreenState, action: ItemScreenAction): ItemScreenState {
  switch (action.type) {
    case 'move':
      if (action.count === 0) return state;
      return { ...state, highlighted: Math.max(0, Math.min(action.count - 1, state.highlighted + action.delta)) };
    case 'highlight':
      return { ...state, highlighted: action.index };
    case 'case-scroll':
      return { ...state, caseOffset: Math.max(0, Math.min(action.max, state.caseOffset + action.delta)) };
    case 'case-reader':
      return { ...state, caseReader: !state.caseReader, caseOffset: 0 };
  }
}
