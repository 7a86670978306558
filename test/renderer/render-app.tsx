// Renders the whole app, or the quick-ask popup, against an `api` (a real core in process), the
// way main.tsx mounts them against `window.aide`.
import { render } from '@testing-library/react';
import type { AideApi } from '../../common/contract';
import { AideProvider } from '../../renderer/src/aide-context';
import { App } from '../../renderer/src/app';
import { alwaysOpen, type Connection } from '../../renderer/src/connection';
import { QuickAskApp } from '../../renderer/src/quick-ask/quick-ask-app';

export function renderApp(api: AideApi, connection: Connection = alwaysOpen, browserMode = false) {
  return render(
    <AideProvider api={api}>
      <App connection={connection} browserMode={browserMode} />
    </AideProvider>,
  );
}

export function renderQuickAsk(api: AideApi, connection: Connection = alwaysOpen) {
  return render(
    <AideProvider api={api}>
      <QuickAskApp connection={connection} />
    </AideProvider>,
  );
}
