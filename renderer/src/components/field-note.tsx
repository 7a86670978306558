// The lines under a field. The field points at them (aria-describedby), so screen readers read them
// with it: a hint that is replaced by what is wrong once a typed value is refused, or an error alone.
import type { ReactNode } from 'react';

const noteId = (fieldId: string): string => `${fieldId}-hint`;
const errorId = (fieldId: string): string => `${fieldId}-error`;

/** The field's side of a FieldNote: marked invalid while refused, described by the note. */
export function noteProps(fieldId: string, invalid: string | null | undefined) {
  return { 'aria-invalid': invalid ? true : undefined, 'aria-describedby': noteId(fieldId) };
}

export function FieldNote(props: { fieldId: string; invalid: string | null | undefined; hint: ReactNode }) {
  return (
    <p id={noteId(props.fieldId)} className={props.invalid ? 'field-error' : 'field-hint'}>
      {props.invalid ?? props.hint}
    </p>
  );
}

/** The field's side of a FieldError: described by it only while there is one. */
export function errorProps(fieldId: string, invalid: string | null | undefined) {
  return { 'aria-invalid': invalid ? true : undefined, 'aria-describedby': invalid ? errorId(fieldId) : undefined };
}

export function FieldError({ fieldId, message }: { fieldId: string; message: string }) {
  return (
    <p id={errorId(fieldId)} className="field-error">
      {message}
    </p>
  );
}
