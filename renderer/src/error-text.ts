// Turns a rejected call into a sentence for the user.

// Electron wraps errors thrown in main handlers; the wrapper means nothing to a person.
const ipcPrefix = /^Error invoking remote method '[^']*': (?:Error: )?/;

export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(ipcPrefix, '') || 'Something went wrong.';
}
