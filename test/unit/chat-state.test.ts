// The open conversation's state as events arrive: only the changed message changes, and older
// pages go in front without duplicates.
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../common/contract';
import { chatReducer, emptyChat, type ChatState } from '../../renderer/src/chat/chat-state';

const message = (i: number, content = `message ${i}`): ChatMessage => ({
  id: `m-${i}`,
  role: i % 2 === 0 ? 'user' : 'assistant',
  content,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  status: 'complete',
});

function opened(from: number, to: number, olderCount: number): ChatState {
  const messages = Array.from({ length: to - from }, (_, i) => message(from + i));
  return chatReducer(emptyChat, {
    type: 'loaded',
    conversation: { id: 'c', title: 'Long', createdAt: '', updatedAt: '', messages, olderCount },
  });
}

describe('chat state', () => {
  it('puts an older page in front, keeps the order, and counts down what is left', () => {
    const state = opened(100, 200, 100);
    const next = chatReducer(state, {
      type: 'older',
      conversationId: 'c',
      messages: Array.from({ length: 100 }, (_, i) => message(i)),
      olderCount: 0,
    });
    expect(next.messages.map((m) => m.message.id)).toEqual(Array.from({ length: 200 }, (_, i) => `m-${i}`));
    expect(next.olderCount).toBe(0);
    // The messages already shown are the same objects: nothing of theirs renders again.
    expect(next.messages[150]).toBe(state.messages[50]);
  });

  it('ignores a page for another conversation and never shows a message twice', () => {
    const state = opened(10, 20, 10);
    expect(chatReducer(state, { type: 'older', conversationId: 'other', messages: [message(1)], olderCount: 0 })).toBe(
      state,
    );
    const next = chatReducer(state, {
      type: 'older',
      conversationId: 'c',
      messages: [message(9), message(10)],
      olderCount: 9,
    });
    expect(next.messages.map((m) => m.message.id)).toEqual([
      'm-9',
      ...Array.from({ length: 10 }, (_, i) => `m-${10 + i}`),
    ]);
  });

  it('changes only the streaming message on each delta', () => {
    const state = chatReducer(opened(0, 50, 0), {
      type: 'sent',
      conversationId: 'c',
      userMessage: message(50),
      assistantMessageId: 'answer',
    });
    const next = chatReducer(state, { type: 'delta', conversationId: 'c', messageId: 'answer', text: 'Hello' });
    expect(next.messages.at(-1)?.message.content).toBe('Hello');
    expect(next.messages.slice(0, -1).every((m, i) => m === state.messages[i])).toBe(true);
  });
});
