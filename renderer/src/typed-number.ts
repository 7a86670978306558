// Numbers as people type them into fields, or null when the text is not one: the forms check these
// before anything is sent.

/** A whole number: "30", not "30.5", "-1" or "3e2". */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : null;
}

const decimal = /^(\d+(\.\d*)?|\.\d+)$/;

/** A plain decimal such as an amount of dollars: "2.50", ".5", "20" (no sign, no exponent). */
export function decimalNumber(text: string): number | null {
  const trimmed = text.trim();
  return decimal.test(trimmed) ? Number(trimmed) : null;
}
