// The message log's rows: only those near the view, placed by the virtualiser, or (the benchmarks'
// baseline) every one in the flow. A search result's row is marked found.
import type { Virtualizer } from '@tanstack/react-virtual';
import type { ViewMessage } from './chat-state';
import { MessageItem } from './message-item';

export function VirtualRows({
  virtualizer,
  messages,
  focusId,
  flinging,
}: {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  messages: ViewMessage[];
  focusId: string | null;
  flinging: boolean;
}) {
  return (
    <div className="message-rows" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const view = messages[item.index];
        return (
          view && (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className={view.message.id === focusId ? 'message-row found' : 'message-row'}
              aria-current={view.message.id === focusId ? 'true' : undefined}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <MessageItem view={view} passing={flinging} />
            </div>
          )
        );
      })}
    </div>
  );
}

export function PlainRows({ messages, focusId }: { messages: ViewMessage[]; focusId: string | null }) {
  return messages.map((view) => (
    <div
      key={view.message.id}
      className={view.message.id === focusId ? 'message-row found' : 'message-row'}
      aria-current={view.message.id === focusId ? 'true' : undefined}
    >
      <MessageItem view={view} />
    </div>
  ));
}
