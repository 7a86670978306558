// The error every part of recurrence throws: its message is a sentence the model and the user can act on.
export class RecurrenceError extends Error {
  override name = 'RecurrenceError';
}
