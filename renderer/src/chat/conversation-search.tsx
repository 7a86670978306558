// The `Search conversations` box above the conversation list: Ctrl/⌘+K focuses it from anywhere,
// arrow keys move through the results, Enter (or a click) opens one at its message, Esc clears.
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../common/conversation-search-contract';
import { formatDate } from '../time-format';
import { useConversationSearch, type ConversationSearch } from './use-conversation-search';

interface Props {
  onOpen(hit: SearchHit): void;
  /** Brings the Chat screen to the front (Ctrl/⌘+K from another screen). */
  onReveal(): void;
}

export function ConversationSearchBox({ onOpen, onReveal }: Props) {
  const search = useConversationSearch();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const { query, results, active } = search;

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'k' || event.altKey) return;
      event.preventDefault();
      onReveal();
      // The Chat screen may have been hidden a moment ago: focus once it shows.
      setTimeout(() => input.current?.focus(), 0);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onReveal]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = results?.length ?? 0;
    if (event.key === 'ArrowDown' && count > 0) search.setActive((active + 1) % count);
    else if (event.key === 'ArrowUp' && count > 0) search.setActive((active - 1 + count) % count);
    else if (event.key === 'Enter' && results?.[active]) onOpen(results[active]);
    else if (event.key === 'Escape') search.clear();
    else return;
    event.preventDefault();
  };

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="conversation-search">
      <input
        ref={input}
        type="search"
        aria-label="Search conversations"
        placeholder="Search conversations (Ctrl+K)"
        value={query}
        onChange={(event) => search.setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        aria-controls={results ? listId : undefined}
        aria-activedescendant={results?.[active] ? optionId(active) : undefined}
      />
      {query.trim() !== '' && <Filters search={search} />}
      {search.failure && <p role="alert">{search.failure}</p>}
      {search.indexing && <p className="search-note">Still indexing your conversations; some may be missing.</p>}
      {results?.length === 0 && <p className="search-note">No messages found.</p>}
      {results && results.length > 0 && (
        <ul id={listId} role="listbox" aria-label="Search results" className="search-results">
          {results.map((hit, index) => (
            <li
              key={`${hit.conversationId}/${hit.messageId}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'search-result active' : 'search-result'}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                search.setActive(index);
                onOpen(hit);
              }}
            >
              <span className="search-result-title">{hit.title}</span>
              <span className="search-result-date">{formatDate(hit.createdAt, { now: new Date() })}</span>
              <span className="search-result-snippet">
                {hit.role === 'user' ? 'You: ' : 'Aide: '}
                {hit.snippet.map((part, i) =>
                  part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Filters({ search }: { search: ConversationSearch }) {
  const { filters, setFilters, models } = search;
  return (
    <div role="group" aria-label="Search filters" className="search-filters">
      <label>
        From
        <input type="date" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} />
      </label>
      <label>
        To
        <input type="date" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} />
      </label>
      <label>
        Answered by
        <select value={filters.model} onChange={(e) => setFilters({ ...filters, model: e.target.value })}>
          <option value="">Any model</option>
          {models.map((model) => (
            <option key={model} value={model}>
              {model}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
