// "Remind me to rotate the key every N days", or Off: Aide's scheduler adds the reminder when the key gets that old.
import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../common/contract';
import { SaveResult } from '../components/save-result';
import { wholeNumber } from '../typed-number';
import { usePatch } from './use-patch';
import { SaveButton } from '../components/save-button';
import { ShortNumberField } from '../components/whole-number-field';

interface Props {
  settings: Settings;
  onChange(settings: Settings): void;
}

const defaultDays = 90;

export function RotationField({ settings, onChange }: Props) {
  const ids = { days: useId(), off: useId() };
  const [days, setDays] = useState(String(settings.keyRotationDays ?? defaultDays));
  const [off, setOff] = useState(settings.keyRotationDays === null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const patch = usePatch(onChange);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (off) {
      setInvalid(null);
      void patch.save({ keyRotationDays: null }, 'Rotation reminder turned off.');
      return;
    }
    const value = wholeNumber(days);
    if (value === null || value < 1 || value > 3650) {
      setInvalid('Enter a whole number of days from 1 to 3650, or choose Off.');
      return;
    }
    setInvalid(null);
    void patch.save({ keyRotationDays: value }, `Aide will remind you to rotate the key every ${value} days.`);
  };

  return (
    <form onSubmit={save} noValidate className="rotation">
      <ShortNumberField
        id={ids.days}
        label="Remind me to rotate the key every"
        unit="days"
        min={1}
        max={3650}
        value={days}
        disabled={off}
        onChange={setDays}
        invalid={invalid}
        hint="Replacing a key now and then limits the harm if it leaks. Aide adds a reminder when the key gets this old."
      >
        <span className="check">
          <input id={ids.off} type="checkbox" checked={off} onChange={(e) => setOff(e.target.checked)} />
          <label htmlFor={ids.off}>Off</label>
        </span>
        <SaveButton busy={patch.busy} plain>
          Save reminder
        </SaveButton>
      </ShortNumberField>
      <SaveResult status={patch} />
    </form>
  );
}
