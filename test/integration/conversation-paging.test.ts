// A long conversation opens with its newest page and pages back as the user scrolls up, through
// the core's operations on real files.
import { afterEach, describe, expect, it } from 'vitest';
import { operations, type ChatMessage } from '../../common/contract';
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { systemClock } from '../../main/core/ports';
import { openConfStore } from '../../main/core/storage/open-store';
import { startHarness, type Harness } from '../support/core-harness';
import { DEFAULT_ANSWER, DEFAULT_API_KEY } from '../support/fake-openai-server';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const message = (i: number): ChatMessage => ({
  id: `m-${i}`,
  role: i % 2 === 0 ? 'user' : 'assistant',
  content: `message ${i}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  status: 'complete',
});

async function conversationOf(count: number): Promise<{ h: Harness; id: string }> {
  const h = (harness = await startHarness());
  // Written in the core's own format while it is stopped, as chats would have written them over time.
  await h.core.dispose();
  const store = new ConversationStore(openConfStore, h.dataDir, systemClock);
  const { id } = await store.create('Long chat');
  for (let i = 0; i < count; i++) await store.append(id, message(i));
  await h.restart();
  return { h, id };
}

describe('paging through a long conversation', () => {
  it('opens with the newest page and says how many earlier messages there are', async () => {
    const { h, id } = await conversationOf(250);
    const page = await h.core.handlers.getConversation({ id, limit: 100 });

    expect(operations.getConversation.response.parse(page)).toEqual(page);
    expect(page?.messages.map((m) => m.content)).toEqual(Array.from({ length: 100 }, (_, i) => `message ${150 + i}`));
    expect(page?.olderCount).toBe(150);
    // Without a limit (quick ask, exports) the whole conversation comes back.
    expect((await h.core.handlers.getConversation({ id }))?.messages).toHaveLength(250);
  });

  it('pages back to the first message, each page right before the last, and then has none left', async () => {
    const { h, id } = await conversationOf(250);
    const seen = (await h.core.handlers.getConversation({ id, limit: 100 }))!.messages;
    let olderCount = 150;
    const pages: number[] = [];
    while (olderCount > 0) {
      const page = await h.core.handlers.getOlderMessages({ id, before: seen[0]!.id, limit: 100 });
      expect(page).not.toBeNull();
      seen.unshift(...page!.messages);
      pages.push(page!.messages.length);
      olderCount = page!.olderCount;
    }
    expect(pages).toEqual([100, 50]);
    expect(seen.map((m) => m.id)).toEqual(Array.from({ length: 250 }, (_, i) => `m-${i}`));
  });

  it('includes the messages of a chat that went on after the conversation was opened', async () => {
    const { h, id } = await conversationOf(120);
    await h.core.handlers.getConversation({ id, limit: 10 });
    await h.core.handlers.saveKey({ key: DEFAULT_API_KEY });
    await h.core.handlers.sendMessage({ conversationId: id, text: 'And one more thing' });
    await h.waitFor('chatDone', (p) => p.conversationId === id);

    const page = await h.core.handlers.getConversation({ id, limit: 3 });
    expect(page?.messages.map((m) => m.content)).toEqual(['message 119', 'And one more thing', DEFAULT_ANSWER]);
    expect(page?.olderCount).toBe(119);
    // A new core reads the file itself and agrees.
    await h.restart();
    expect((await h.core.handlers.getConversation({ id, limit: 3 }))?.messages).toEqual(page?.messages);
  });

  it('answers null for an unknown conversation or message instead of a wrong page', async () => {
    const { h, id } = await conversationOf(5);
    expect(await h.core.handlers.getOlderMessages({ id, before: 'no-such-message', limit: 10 })).toBeNull();
    expect(await h.core.handlers.getOlderMessages({ id: 'no-such-conversation', before: 'm-1', limit: 10 })).toBeNull();
    expect(await h.core.handlers.getOlderMessages({ id, before: 'm-0', limit: 10 })).toEqual({
      messages: [],
      olderCount: 0,
    });
  });
});
