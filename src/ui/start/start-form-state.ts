export type StartField = 'name' | 'employeeId';

export interface StartFormState {
  name: string;
  employeeId: string;
  focus: StartField;
  /** Why Enter did not start the test, until the next keypress. */
  problem: string | undefined;
}

export type StartFormAction =
  | { type: 'type'; text: string }
  | { type: 'erase' }
  | { type: 'focus-next' }
  | { type: 'focus-previous' }
  | { type: 'problem'; message: string };

export const initialStartForm = (name: string, employeeId: string): StartFormState => ({
  name,
  employeeId,
  // Land on whatever is still missing.
  focus: name.trim() === '' || employeeId.trim() !== '' ? 'name' : 'employeeId',
  problem: undefined,
});

const MAX_FIELD = 80;

export function startFormReducer(state: StartFormState, action: StartFormAction): StartFormState {
  switch (action.type) {
    case 'type': {
      // Pasted text may carry newlines or escape bytes: keep printable characters only.
      const text = action.text.replace(/\p{Cc}/gu, '');
      const value = (state[state.focus] + text).slice(0, MAX_FIELD);
      return { ...state, [state.focus]: value, problem: undefined };
    }
    case 'erase':
      return { ...state, [state.focus]: [...state[state.focus]].slice(0, -1).join(''), problem: undefined };
    case 'focus-next':
    case 'focus-previous':
      return { ...state, focus: state.focus === 'name' ? 'employeeId' : 'name', problem: undefined };
    case 'problem':
      return { ...state, problem: action.message };
  }
}

/** What is missing before the test can start, in words; undefined when ready. */
export function startFormProblem(state: StartFormState): string | undefined {
  if (state.name.trim() === '') return 'Type your name first.';
  if (state.employeeId.trim() === '') return 'Type your employee id first.';
  return undefined;
}
