// Starts the renderer: finds `window.aide` and mounts the app, or the quick-ask popup for
// `?view=quick-ask`. Each is loaded on its own so the popup never downloads the main window's code.
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { getAide } from './aide';
import { AideProvider } from './aide-context';
import 'highlight.js/styles/github.css';
import './styles/index.css';

const App = lazy(() => import('./app').then((m) => ({ default: m.App })));
const QuickAskApp = lazy(() => import('./quick-ask/quick-ask-app').then((m) => ({ default: m.QuickAskApp })));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

const quickAsk = new URLSearchParams(location.search).get('view') === 'quick-ask';
const { api, connection, browserMode } = getAide();
createRoot(root).render(
  <StrictMode>
    <AideProvider api={api}>
      <Suspense fallback={null}>
        {quickAsk ? <QuickAskApp connection={connection} /> : <App connection={connection} browserMode={browserMode} />}
      </Suspense>
    </AideProvider>
  </StrictMode>,
);
