// The calendar a synced item lives in, with its colour, after the item's time: "· ● Family".
export function CalendarTag({ calendar }: { calendar: { name: string; color: string | null } | null | undefined }) {
  if (!calendar) return null;
  return (
    <span className="calendar-tag">
      {' · '}
      {calendar.color && (
        <span className="calendar-dot" aria-hidden="true" style={{ backgroundColor: calendar.color }} />
      )}
      {calendar.name}
    </span>
  );
}
