/**
 * Which screen the take app shows. The item and review screens follow the
 * session's phase ('main'); this state only adds what lies over them.
 */
export type TakeScreen =
  | { name: 'resume-offer' }
  | { name: 'start' }
  | { name: 'main' }
  | { name: 'help' }
  | { name: 'confirm-submit' }
  | { name: 'confirm-quit'; before: 'start' | 'main' }
  | { name: 'saving' }
  | { name: 'results' };

export type TakeScreenAction =
  | { type: 'offer-resume' }
  | { type: 'back-to-start' }
  | { type: 'started' }
  | { type: 'help' }
  | { type: 'ask-submit' }
  | { type: 'ask-quit' }
  | { type: 'back' }
  | { type: 'ended' }
  | { type: 'saved' };

export function takeScreenReducer(screen: TakeScreen, action: TakeScreenAction): TakeScreen {
  switch (action.type) {
    case 'offer-resume':
      return screen.name === 'start' ? { name: 'resume-offer' } : screen;
    case 'back-to-start':
      return { name: 'start' };
    case 'started':
      return { name: 'main' };
    case 'help':
      return screen.name === 'main' ? { name: 'help' } : screen;
    case 'ask-submit':
      return screen.name === 'main' ? { name: 'confirm-submit' } : screen;
    case 'ask-quit':
      if (screen.name === 'start' || screen.name === 'resume-offer') return { name: 'confirm-quit', before: 'start' };
      if (screen.name === 'main' || screen.name === 'help' || screen.name === 'confirm-submit') return { name: 'confirm-quit', before: 'main' };
      return screen;
    case 'back':
      if (screen.name === 'help' || screen.name === 'confirm-submit') return { name: 'main' };
      if (screen.name === 'confirm-quit') return { name: screen.before };
      return screen;
    case 'ended':
      // Time can run out on any screen: saving replaces whatever was open.
      return screen.name === 'results' ? screen : { name: 'saving' };
    case 'saved':
      return { name: 'results' };
  }
}
