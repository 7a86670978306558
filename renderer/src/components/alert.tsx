// How a problem the user should see at once looks: role="alert", so screen readers read it out as it appears.
import type { ReactNode } from 'react';

/** Shows `message`, with any buttons that deal with it; nothing while there is no message. */
export function Alert({ message, children }: { message: ReactNode; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div role="alert" className="alert">
      <p>{message}</p>
      {children}
    </div>
  );
}
