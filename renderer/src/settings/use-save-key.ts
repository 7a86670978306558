// Saving the API key, shared by Settings and the first-run card: main checks the key against the
// server before it stores it (a rejected key replaces nothing), and the field is cleared once saved.
import { useRef, type FormEvent } from 'react';
import type { KeyStatus } from '../../../common/contract';
import { useAide } from '../aide-context';
import { useActionStatus, type ActionStatus } from '../use-action-status';

/** `run` takes the other key actions (Remove), with the same busy, error and done lines. */
export interface SaveKey extends ActionStatus {
  /** For the password field. Uncontrolled on purpose: React mirrors a controlled input's value into
   * the DOM attribute, and the key must not linger anywhere in the page. */
  input: React.RefObject<HTMLInputElement | null>;
  save(event: FormEvent): void;
}

export function useSaveKey(onSaved: (status: KeyStatus) => void): SaveKey {
  const api = useAide();
  const input = useRef<HTMLInputElement>(null);
  const status = useActionStatus();

  const save = (event: FormEvent) => {
    event.preventDefault();
    const key = input.current?.value.trim() ?? '';
    if (key === '') {
      status.fail('Paste your OpenAI API key first.');
      return;
    }
    void status.run(async () => {
      const result = await api.saveKey({ key });
      if (!result.ok) {
        status.fail(result.error.message);
        return null;
      }
      if (input.current) input.current.value = '';
      onSaved(result.key);
      return 'Key checked and saved.';
    });
  };

  return { ...status, input, save };
}
