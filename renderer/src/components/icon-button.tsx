// A button that shows one symbol (✎, ×): it carries its full name for screen readers and a short
// title for the pointer, since the symbol alone says neither.
import type { ReactNode } from 'react';

interface Props {
  /** The accessible name, e.g. `Delete "Call mom"`. */
  label: string;
  title: string;
  disabled?: boolean;
  onClick(): void;
  children: ReactNode;
}

export function IconButton({ label, title, disabled, onClick, children }: Props) {
  return (
    <button type="button" className="icon" aria-label={label} title={title} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}
