import { useLayoutEffect, useRef, type RefObject } from 'react';
import { useStdin } from 'ink';

/**
 * The bytes of the keypress Ink is handling now, exactly as the terminal sent
 * them. Ink's useInput loses what a text editor needs: Backspace (DEL) and the
 * Delete key both come as `delete`, and the bracketed-paste markers
 * (ESC[200~ and ESC[201~) come as the text "[200~". Ink emits each raw
 * keypress on its stdin emitter and then calls every useInput handler with it
 * synchronously; a listener put first in line (prependListener) has stored it
 * by the time any handler runs. The emitter is Ink 6's `internal_eventEmitter`
 * (typed in its StdinProps); tests/ui/hooks/use-raw-input.test.tsx fails if a
 * later Ink drops it.
 */
export function useRawInput(): RefObject<string> {
  const { internal_eventEmitter: emitter } = useStdin();
  const raw = useRef('');
  useLayoutEffect(() => {
    const stash = (data: string) => {
      raw.current = data;
    };
    emitter.prependListener('input', stash);
    return () => {
      emitter.off('input', stash);
    };
  }, [emitter]);
  return raw;
}
