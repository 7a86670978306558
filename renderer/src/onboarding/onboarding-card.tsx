// The first run, in the Chat screen while there is no key: what a key is, where to get one, a field
// to paste it (checked with OpenAI before it is saved), what works without one, and the way to a local model.
import { useId } from 'react';
import type { KeyStatus } from '../../../common/contract';
import { Alert } from '../components/alert';
import { useSaveKey } from '../settings/use-save-key';
import { SaveButton } from '../components/save-button';

export const createKeyUrl = 'https://platform.openai.com/api-keys';

interface Props {
  onKeySaved(status: KeyStatus): void;
  onUseLocalModel(): void;
}

export function OnboardingCard({ onKeySaved, onUseLocalModel }: Props) {
  const key = useSaveKey(onKeySaved);
  const ids = { heading: useId(), field: useId(), hint: useId() };
  return (
    <section className="onboarding card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Welcome to Aide</h2>
      <p>
        To chat, Aide needs an <strong>OpenAI API key</strong>: a secret code that lets Aide use your own OpenAI
        account. OpenAI bills you for what you use; Aide keeps the key in your system keychain and sends it only to
        OpenAI.
      </p>
      <p>
        <a href={createKeyUrl} target="_blank" rel="noreferrer">
          Create a key on platform.openai.com
        </a>
        , copy it, and paste it here.
      </p>
      <form onSubmit={key.save} className="onboarding-form">
        <label htmlFor={ids.field}>OpenAI API key</label>
        <div className="inline">
          <input
            id={ids.field}
            ref={key.input}
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="sk-…"
            aria-describedby={ids.hint}
          />
          <SaveButton busy={key.busy}>Save key</SaveButton>
        </div>
        <p id={ids.hint} className="field-hint">
          Aide checks the key with OpenAI before saving it.
        </p>
      </form>
      <Alert message={key.error} />
      <p className="onboarding-without">
        Without a key you can still add reminders with quick add (“Remind me to call Sam at 5pm”) and use the Reminders
        view.
      </p>
      <button type="button" className="link" onClick={onUseLocalModel}>
        Use a local model instead
      </button>
    </section>
  );
}

/** The same hint, compact, on the other screens. */
export function KeyBanner({ onSetUp }: { onSetUp(): void }) {
  return (
    <div className="notice key-banner">
      <p>No OpenAI API key yet: chat needs one. Reminders and quick add work without it.</p>
      <button type="button" onClick={onSetUp}>
        Set up a key
      </button>
    </div>
  );
}
