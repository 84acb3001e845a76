import { render } from 'ink';
import { HostMenu, type HostMenuOutcome, type HostMenuProps } from './host/host-menu.js';

/** The bridge from `host session` to its menu: resolves when the menu has closed, with what the agent chose. */
export async function renderHostMenu(props: Omit<HostMenuProps, 'onExit'>): Promise<HostMenuOutcome> {
  let outcome: HostMenuOutcome = { kind: 'quit' };
  const instance = render(
    <HostMenu
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
