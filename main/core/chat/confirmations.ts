// The confirmation dialogs an answer waits on (deletions, changes to several items): asks the UI,
// resolves with the user's answer, and counts a stopped answer as declined.
import { randomUUID } from 'node:crypto';
import type { ConfirmRequest } from '../tools/tool-executor';
import type { Emit } from './chat-options';

export class Confirmations {
  private readonly pending = new Map<string, (confirmed: boolean) => void>();

  constructor(private readonly emit: Emit) {}

  ask(conversationId: string, request: ConfirmRequest, signal: AbortSignal): Promise<boolean> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const settle = (confirmed: boolean) => {
        if (!this.pending.delete(id)) return;
        signal.removeEventListener('abort', onAbort);
        this.emit('confirmSettled', { id });
        resolve(confirmed);
      };
      const onAbort = () => settle(false);
      this.pending.set(id, settle);
      signal.addEventListener('abort', onAbort, { once: true });
      this.emit('confirmRequested', { id, conversationId, title: request.title, details: request.details });
    });
  }

  /** The user's answer to a dialog; unknown or settled ids are ignored. */
  answer(id: string, confirmed: boolean): void {
    this.pending.get(id)?.(confirmed);
  }
}
