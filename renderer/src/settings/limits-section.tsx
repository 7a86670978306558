// Client-side rate limits: Aide holds requests back before the API's own limits are hit, and says
// how long it waits ("Waiting 4 s — rate limit").
import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../common/contract';
import { errorProps, FieldError } from '../components/field-note';
import { SaveResult } from '../components/save-result';
import { wholeNumber } from '../typed-number';
import { usePatch } from './use-patch';
import { SaveButton } from '../components/save-button';
import { WholeNumberInput } from '../components/whole-number-field';

interface Props {
  settings: Settings;
  onChange(settings: Settings): void;
}

type Field = 'requestsPerMinute' | 'tokensPerMinute';

const bounds: Record<Field, { min: number; max: number; label: string }> = {
  requestsPerMinute: { min: 1, max: 100_000, label: 'Requests per minute' },
  tokensPerMinute: { min: 1_000, max: 100_000_000, label: 'Tokens per minute' },
};

const fields: Field[] = ['requestsPerMinute', 'tokensPerMinute'];

export function LimitsSection({ settings, onChange }: Props) {
  const ids: Record<Field, string> = { requestsPerMinute: useId(), tokensPerMinute: useId() };
  const [values, setValues] = useState<Record<Field, string>>({
    requestsPerMinute: String(settings.limits.requestsPerMinute),
    tokensPerMinute: String(settings.limits.tokensPerMinute),
  });
  const [invalid, setInvalid] = useState<Partial<Record<Field, string>>>({});
  const patch = usePatch(onChange);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    const parsed: Partial<Record<Field, number>> = {};
    for (const field of fields) {
      const { min, max } = bounds[field];
      const value = wholeNumber(values[field]);
      if (value === null || value < min || value > max) {
        problems[field] = `Enter a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}.`;
      } else parsed[field] = value;
    }
    setInvalid(problems);
    if (parsed.requestsPerMinute === undefined || parsed.tokensPerMinute === undefined) return;
    void patch.save(
      { limits: { requestsPerMinute: parsed.requestsPerMinute, tokensPerMinute: parsed.tokensPerMinute } },
      'Rate limits saved.',
    );
  };

  return (
    <section className="card" aria-labelledby="limits-heading">
      <h2 id="limits-heading">Rate limits</h2>
      <p className="field-hint">
        Aide waits before sending when a request would go over these, instead of letting the API refuse it. Set them to
        your OpenAI tier’s limits or lower.
      </p>
      <form onSubmit={save} noValidate>
        <div className="field-grid">
          {fields.map((field) => (
            <div className="field" key={field}>
              <label htmlFor={ids[field]}>{bounds[field].label}</label>
              <WholeNumberInput
                id={ids[field]}
                min={bounds[field].min}
                max={bounds[field].max}
                value={values[field]}
                {...errorProps(ids[field], invalid[field])}
                onChange={(value) => setValues((known) => ({ ...known, [field]: value }))}
              />
              {invalid[field] && <FieldError fieldId={ids[field]} message={invalid[field]} />}
            </div>
          ))}
        </div>
        <SaveButton busy={patch.busy}>Save limits</SaveButton>
      </form>
      <SaveResult status={patch} />
    </section>
  );
}
