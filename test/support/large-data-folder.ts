// Fills a data folder the way a long-time user's looks: their settings, 1,000 conversations with a
// message each and 10,000 reminders over the next 30 days (every tenth daily), for start-up tests
// and benchmarks.
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { systemClock, type Logger } from '../../main/core/ports';
import { SettingsService } from '../../main/core/settings-service';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { openConfStore } from '../../main/core/storage/open-store';

export const CONVERSATIONS = 1_000;
export const REMINDERS = 10_000;
export const conversationTitle = (i: number) => `Conversation ${String(i).padStart(4, '0')}`;
export const reminderTitle = (i: number) => `Reminder ${i}`;

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Returns the conversations' ids, oldest first. */
export async function fillLargeDataFolder(dataDir: string, timeZone: () => string): Promise<string[]> {
  // settings.json at the current version, as any start after the first finds it.
  new SettingsService(openConfStore, dataDir, undefined);
  const conversations = new ConversationStore(openConfStore, dataDir, systemClock);
  const ids: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const { id } = await conversations.create(conversationTitle(i));
    await conversations.append(id, {
      id: `m-${i}`,
      role: 'user',
      content: `First message of conversation ${i}`,
      createdAt: new Date().toISOString(),
      status: 'complete',
    });
    ids.push(id);
  }
  const reminders = await AgendaService.open({
    openStore: openConfStore,
    dataDir,
    clock: systemClock,
    logger: quiet,
    timeZone,
  });
  const base = Date.now() + 3_600_000;
  reminders.batch(() => {
    for (let i = 0; i < REMINDERS; i++) {
      reminders.createReminder({
        title: reminderTitle(i),
        due: new Date(base + ((i * 7919) % 43_200) * 60_000).toISOString(),
        rrule: i % 10 === 0 ? 'FREQ=DAILY' : null,
        notes: null,
      });
    }
  });
  // The 10,000 creations passed the journal's fold threshold: the folder is left folded, as after a restart.
  await reminders.settled();
  return ids;
}
