// Renders the whole app against a FakeAide, the way main.tsx mounts it against `window.aide`.
import { render } from '@testing-library/react';
import { AideProvider } from '../../renderer/src/aide-context';
import { App } from '../../renderer/src/app';
import { alwaysOpen, type Connection } from '../../renderer/src/connection';
import type { FakeAide } from './fake-aide';

export function renderApp(fake: FakeAide, connection: Connection = alwaysOpen, browserMode = false) {
  return render(
    <AideProvider api={fake}>
      <App connection={connection} browserMode={browserMode} />
    </AideProvider>,
  );
}
