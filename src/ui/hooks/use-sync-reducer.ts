import { useCallback, useReducer, useRef } from 'react';

/**
 * useReducer whose latest state can be read at once after a dispatch, before
 * React renders. Keys that arrive in one burst are handled back to back; each
 * must see where the previous one left the cursor.
 */
export function useSyncReducer<S, A, I>(reducer: (state: S, action: A) => S, initialArg: I, init: (arg: I) => S): [S, (action: A) => void, () => S] {
  const ref = useRef<{ state: S } | null>(null);
  if (ref.current === null) ref.current = { state: init(initialArg) };
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const dispatch = useCallback(
    (action: A) => {
      const box = ref.current as { state: S };
      const next = reducer(box.state, action);
      if (Object.is(next, box.state)) return;
      box.state = next;
      rerender();
    },
    [reducer],
  );
  const get = useCallback(() => (ref.current as { state: S }).state, []);
  return [ref.current.state, dispatch, get];
}
