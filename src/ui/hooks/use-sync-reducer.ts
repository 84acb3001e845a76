import { useCallback, useRef, useState } from 'react';

/**
 * useReducer whose latest state can be read at once after a dispatch, before
 * React renders. Keys that arrive in one burst are handled back to back; each
 * must see where the previous one left the cursor.
 */
export function useSyncReducer<S, A, I>(reducer: (state: S, action: A) => S, initialArg: I, init: (arg: I) => S): [S, (action: A) => void, () => S] {
  const [state, setState] = useState(() => init(initialArg));
  // Ahead of `state` between a dispatch and the render it causes; read only outside render.
  const latestRef = useRef(state);
  const dispatch = useCallback(
    (action: A) => {
      const next = reducer(latestRef.current, action);
      if (Object.is(next, latestRef.current)) return;
      latestRef.current = next;
      setState(next);
    },
    [reducer],
  );
  const get = useCallback(() => latestRef.current, []);
  return [state, dispatch, get];
}
