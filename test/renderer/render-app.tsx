// Renders the whole app, or the quick-ask popup, against a FakeAide, the way main.tsx mounts
// them against `window.aide`.
import { render } from '@testing-library/react';
import { AideProvider } from '../../renderer/src/aide-context';
import { App } from '../../renderer/src/app';
import { alwaysOpen, type Connection } from '../../renderer/src/connection';
import { QuickAskApp } from '../../renderer/src/quick-ask/quick-ask-app';
import type { FakeAide } from './fake-aide';

export function renderApp(fake: FakeAide, connection: Connection = alwaysOpen, browserMode = false) {
  return render(
    <AideProvider api={fake}>
      <App connection={connection} browserMode={browserMode} />
    </AideProvider>,
  );
}

export function renderQuickAsk(fake: FakeAide, connection: Connection = alwaysOpen) {
  return render(
    <AideProvider api={fake}>
      <QuickAskApp connection={connection} />
    </AideProvider>,
  );
}
