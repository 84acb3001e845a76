/** Which screen the take app shows; the attempt itself lives in the session state, not here. */
export type TakeScreen =
  | { name: 'resume-offer' }
  | { name: 'start' }
  | { name: 'item' }
  | { name: 'review'; from: number }
  | { name: 'help'; back: BackTo }
  | { name: 'confirm-submit'; back: BackTo }
  | { name: 'confirm-quit'; back: BackTo | 'start' }
  | { name: 'saving' }
  | { name: 'results' };

export type BackTo = { name: 'item' } | { name: 'review'; from: number };

export type TakeScreenAction =
  | { type: 'started' }
  | { type: 'open-review'; from: number }
  | { type: 'open-item' }
  | { type: 'help' }
  | { type: 'ask-submit' }
  | { type: 'ask-quit' }
  | { type: 'back' }
  | { type: 'ended' }
  | { type: 'saved' };

const backTo = (screen: TakeScreen): BackTo | undefined =>
  screen.name === 'item' ? { name: 'item' } : screen.name === 'review' ? { name: 'review', from: screen.from } : undefined;

export function takeScreenReducer(screen: TakeScreen, action: TakeScreenAction): TakeScreen {
  switch (action.type) {
    case 'started':
      return { name: 'item' };
    case 'open-review':
      return { name: 'review', from: action.from };
    case 'open-item':
      return { name: 'item' };
    case 'help': {
      const back = backTo(screen);
      return back ? { name: 'help', back } : screen;
    }
    case 'ask-submit': {
      const back = backTo(screen);
      return back ? { name: 'confirm-submit', back } : screen;
    }
    case 'ask-quit': {
      if (screen.name === 'start' || screen.name === 'resume-offer') return { name: 'confirm-quit', back: 'start' };
      const back = backTo(screen);
      return back ? { name: 'confirm-quit', back } : screen;
    }
    case 'back':
      if (screen.name === 'help' || screen.name === 'confirm-submit') return screen.back;
      if (screen.name === 'confirm-quit') return screen.back === 'start' ? { name: 'start' } : screen.back;
      if (screen.name === 'review') return { name: 'item' };
      return screen;
    case 'ended':
      // Time can run out on any screen: saving replaces whatever was open.
      return screen.name === 'results' ? screen : { name: 'saving' };
    case 'saved':
      return { name: 'results' };
  }
}
