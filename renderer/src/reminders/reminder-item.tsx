// One reminder in the Reminders view: its title and time, Snooze, Done, Edit in place and Delete.
import type { Reminder } from '../../../common/contract';
import { DEFAULT_SNOOZE_MINUTES } from '../../../common/reminder-defaults';
import { useAide } from '../aide-context';
import { formatWhen, fromLocalInput, toLocalInput, type Viewpoint } from '../time-format';
import { EditableItem, TimeField } from './editable-item';
import { SnoozeMenu } from './snooze-menu';
import { useItemEditor } from './use-item-editor';
import { CalendarTag } from './calendar-tag';
import type { Measure } from './windowed-list';

interface Props {
  reminder: Reminder;
  viewpoint: Viewpoint;
  overdue: boolean;
  onChanged(): void;
  measure?: Measure | undefined;
}

export function ReminderItem({ reminder, viewpoint, overdue, onChanged, measure }: Props) {
  const api = useAide();
  const { id, title } = reminder;
  const editor = useItemEditor({
    kind: 'reminder',
    title,
    onChanged,
    draftOf: () => ({ title, due: toLocalInput(reminder.due) }),
    checkTimes: (draft) => {
      const due = fromLocalInput(draft.due);
      if (due === null) return 'Enter a date and time.';
      return draft.due !== toLocalInput(reminder.due) ? { due } : {};
    },
    update: (changes) => api.updateReminder({ id, ...changes }),
    remove: () => api.deleteReminder({ id }),
  });
  const { action } = editor;
  const done = reminder.status === 'done';

  const snooze = (minutes: number) => void action.run(() => api.snoozeReminder({ id, minutes }));

  return (
    <EditableItem
      measure={measure}
      className={`item${done ? ' done' : ''}${overdue ? ' overdue' : ''}`}
      kind="reminder"
      title={title}
      repeats={reminder.rrule !== null}
      history={reminder.history}
      editor={editor}
      editable={!done}
      meta={
        <>
          <time dateTime={reminder.due}>{formatWhen(reminder.due, viewpoint)}</time>
          {reminder.recurrenceText && <span> · ↻ {reminder.recurrenceText}</span>}
          <CalendarTag calendar={reminder.calendar} />
          {!done && reminder.snoozedUntil && (
            <span>
              {' '}
              · snoozed until{' '}
              <time dateTime={reminder.snoozedUntil}>{formatWhen(reminder.snoozedUntil, viewpoint)}</time>
            </span>
          )}
          {done && reminder.doneAt && <span> · done {formatWhen(reminder.doneAt, viewpoint)}</span>}
        </>
      }
      actions={
        !done && (
          <ReminderButtons
            title={title}
            busy={action.busy}
            onSnooze={snooze}
            onDone={() => void action.run(() => api.completeReminder({ id }))}
          />
        )
      }
      timeFields={(draft) => (
        <TimeField
          label="Due"
          value={draft.due}
          invalid={editor.invalid !== null}
          onChange={(due) => editor.setDraft({ ...draft, due })}
        />
      )}
    />
  );
}

/** Snooze (the default time, or one from its menu) and Done. */
function ReminderButtons(props: { title: string; busy: boolean; onSnooze(minutes: number): void; onDone(): void }) {
  const quoted = `"${props.title}"`;
  return (
    <>
      <span className="split">
        <button
          type="button"
          aria-label={`Snooze ${quoted}`}
          disabled={props.busy}
          onClick={() => props.onSnooze(DEFAULT_SNOOZE_MINUTES)}
        >
          Snooze
        </button>
        <SnoozeMenu title={props.title} disabled={props.busy} onSnooze={props.onSnooze} />
      </span>
      <button type="button" aria-label={`Done ${quoted}`} disabled={props.busy} onClick={props.onDone}>
        Done
      </button>
    </>
  );
}
