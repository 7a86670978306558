// Starts the renderer: finds `window.aide` and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getAide } from './aide';
import { AideProvider } from './aide-context';
import { App } from './app';
import 'highlight.js/styles/github.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

const { api, connection, browserMode } = getAide();
createRoot(root).render(
  <StrictMode>
    <AideProvider api={api}>
      <App connection={connection} browserMode={browserMode} />
    </AideProvider>
  </StrictMode>,
);
