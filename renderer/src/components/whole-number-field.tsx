// Fields for a whole number (days, a percentage, requests per minute): the numeric keyboard on touch
// screens and the browser's stepper within `min`–`max`. The form still checks what was typed.
import type { ReactNode } from 'react';
import { FieldNote, noteProps } from './field-note';

interface InputProps {
  id: string;
  min: number;
  max: number;
  value: string;
  onChange(value: string): void;
  /** Short enough for a few digits, beside its unit. */
  narrow?: boolean;
  disabled?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export function WholeNumberInput({ onChange, narrow = false, ...props }: InputProps) {
  return (
    <input
      type="number"
      inputMode="numeric"
      className={narrow ? 'narrow' : undefined}
      {...props}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

interface FieldProps extends Omit<InputProps, 'narrow' | 'aria-invalid' | 'aria-describedby'> {
  label: string;
  /** What the number counts, after the field: "days", "%". */
  unit: string;
  invalid: string | null | undefined;
  hint: string;
  /** More controls on the field's line (an Off switch, a Save button). */
  children?: ReactNode;
}

/** A short number with its label, its unit and the note under it. */
export function ShortNumberField({ label, unit, invalid, hint, children, ...input }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={input.id}>{label}</label>
      <div className="inline">
        <WholeNumberInput {...input} narrow {...noteProps(input.id, invalid)} />
        <span>{unit}</span>
        {children}
      </div>
      <FieldNote fieldId={input.id} invalid={invalid} hint={hint} />
    </div>
  );
}
