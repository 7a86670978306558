// The "more snooze times" menu beside a reminder's Snooze button: 10 minutes, 1 hour, tomorrow 09:00.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { minutesUntilTomorrowAt } from '../time-format';

export const snoozeChoices: { label: string; minutes: (now: Date) => number }[] = [
  { label: '10 minutes', minutes: () => 10 },
  { label: '1 hour', minutes: () => 60 },
  { label: 'Tomorrow 09:00', minutes: (now) => minutesUntilTomorrowAt(9, now) },
];

interface Props {
  title: string;
  disabled: boolean;
  onSnooze(minutes: number): void;
}

export function SnoozeMenu({ title, disabled, onSnooze }: Props) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  };

  return (
    <div className="menu-anchor">
      <button
        type="button"
        ref={trigger}
        className="icon"
        aria-label={`More snooze times for "${title}"`}
        title="More snooze times"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen((was) => !was)}
      >
        ▾
      </button>
      {open && (
        <div
          ref={menu}
          role="menu"
          aria-label={`Snooze "${title}" for`}
          className="menu"
          onKeyDown={onKeyDown}
          onBlur={(event) => {
            const to = event.relatedTarget as Node | null;
            if (!menu.current?.contains(to) && to !== trigger.current) setOpen(false);
          }}
        >
          {snoozeChoices.map((choice) => (
            <button
              key={choice.label}
              type="button"
              role="menuitem"
              onClick={() => {
                close();
                onSnooze(choice.minutes(new Date()));
              }}
            >
              {choice.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
