// The sandboxed preload (built as CommonJS): exposes `window.aide` and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createAideApi } from './aide-api';

contextBridge.exposeInMainWorld('aide', createAideApi(ipcRenderer));
