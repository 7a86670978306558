// A form's submit button, held back while what it sent is on its way so a second click sends nothing twice.
import type { ReactNode } from 'react';

/** `plain` for a Save beside a single field; otherwise the form's primary action. */
export function SaveButton({ busy, plain = false, children }: { busy: boolean; plain?: boolean; children: ReactNode }) {
  return (
    <button type="submit" className={plain ? undefined : 'primary'} disabled={busy}>
      {children}
    </button>
  );
}
