// Numbers in the Usage view as people read them: "12,345 tokens", "$0.0123", "85%", "3 Jan".

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export const formatCount = (n: number): string => integer.format(n);

/** Dollars: cents for anything from a cent up, four decimals below (a day of small requests). */
export function formatUsd(n: number): string {
  const small = n > 0 && n < 0.01;
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: small ? 4 : 2,
    maximumFractionDigits: small ? 4 : 2,
  }).format(n);
}

export const formatPercent = (share: number): string => `${Math.round(share * 100)}%`;

/** A `YYYY-MM-DD` calendar day, short: "Jan 3". */
export function formatDay(date: string, withWeekday = false): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    ...(withWeekday ? { weekday: 'short' } : {}),
  }).format(new Date(`${date}T00:00:00Z`));
}

export const tokensWithoutPrice = (n: number): string =>
  `${formatCount(n)} ${n === 1 ? 'token' : 'tokens'} without a price`;
