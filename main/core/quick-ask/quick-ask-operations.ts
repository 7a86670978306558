// The quick-ask popup: asking (the offline parser first, the model for anything else), opening
// the answer in the main window, and showing or hiding the popup.
import type { Handlers } from '../core-types';
import type { DesktopShell } from '../core-options';
import type { Emit } from '../event-bus';
import type { Clock } from '../ports';
import { quickAsk, type QuickAskOptions } from './quick-ask';

export interface QuickAskFeature extends QuickAskOptions {
  desktop: DesktopShell | undefined;
  emit: Emit;
  clock: Clock;
}

export function quickAskOperations(feature: QuickAskFeature) {
  const { desktop, emit } = feature;
  return {
    quickAsk: ({ text }) => quickAsk(text, feature),
    async showConversation({ id }) {
      emit('conversationRequested', { id });
      desktop?.showMainWindow();
    },
    async hideQuickAsk() {
      desktop?.hideQuickAsk();
    },
    async showQuickAsk() {
      // Browser mode has no popup window: open quick-ask pages reset and focus themselves.
      if (desktop) desktop.showQuickAsk();
      else emit('quickAskShown', { shownAt: feature.clock.now().getTime() });
    },
  } satisfies Partial<Handlers>;
}
