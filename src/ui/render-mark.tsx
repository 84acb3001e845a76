import { render } from 'ink';
import { MarkQueue, type MarkOutcome, type MarkQueueProps } from './mark/mark-screen.js';

/** The bridge from `mark` to its queue: resolves when the marker quits, with what was saved. */
export async function renderMarkQueue(props: Omit<MarkQueueProps, 'onExit'>): Promise<MarkOutcome> {
  let outcome: MarkOutcome = { saved: 0, left: props.entries.length, interrupted: false };
  const instance = render(
    <MarkQueue
      {...props}
      onExit={(o) => {
        outcome = o;
      }}
    />,
    { exitOnCtrlC: false },
  );
  await instance.waitUntilExit();
  instance.cleanup();
  return outcome;
}
