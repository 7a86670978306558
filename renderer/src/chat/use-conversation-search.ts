// The state behind the `Search conversations` box: the query and filters, the results of the
// latest search (an answer to an older query never replaces a newer one), and the active result.
import { useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../common/conversation-search-contract';
import { useAide } from '../aide-context';

export interface SearchFilters {
  /** `YYYY-MM-DD` from a date field, or '' for no bound. */
  from: string;
  to: string;
  /** A model's name, or '' for any. */
  model: string;
}

export const noFilters: SearchFilters = { from: '', to: '', model: '' };
/** Results asked for at a time; more would not fit the sidebar usefully. */
const LIMIT = 30;
/** Typing pauses this long before a search goes out. */
const DEBOUNCE_MS = 120;
/** While the index is still being built, the search is asked again this often. */
const INDEXING_RETRY_MS = 1_000;

export interface ConversationSearch {
  query: string;
  setQuery(query: string): void;
  filters: SearchFilters;
  setFilters(filters: SearchFilters): void;
  results: SearchHit[] | null;
  models: string[];
  /** Still indexing (first start): results may be incomplete. */
  indexing: boolean;
  failure: string | null;
  active: number;
  setActive(index: number): void;
  clear(): void;
}

/** The start (or end) of a local calendar day as an ISO time. */
const dayBound = (day: string, end: boolean) =>
  day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : undefined;

export function useConversationSearch(): ConversationSearch {
  const api = useAide();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState(noFilters);
  const [results, setResults] = useState<SearchHit[] | null>(null);
  const [models, setModels] = useState<string[]>([]);
  const [indexing, setIndexing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const latest = useRef(0);
  /** Bumped to ask again while the index is still being built. */
  const [again, setAgain] = useState(0);

  useEffect(() => {
    const text = query.trim();
    const asked = ++latest.current;
    if (text === '') {
      setResults(null);
      return;
    }
    const timer = setTimeout(() => {
      const from = dayBound(filters.from, false);
      const to = dayBound(filters.to, true);
      api
        .searchConversations({
          query: text,
          limit: LIMIT,
          ...(from && { from }),
          ...(to && { to }),
          ...(filters.model && { model: filters.model }),
        })
        .then(
          (answer) => {
            if (asked !== latest.current) return;
            setResults(answer.results);
            setModels(answer.models);
            setIndexing(!answer.ready);
            setFailure(null);
            if (!answer.ready) setTimeout(() => asked === latest.current && setAgain((n) => n + 1), INDEXING_RETRY_MS);
          },
          () => asked === latest.current && setFailure('Search is not available right now. Try again in a moment.'),
        );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, query, filters, again]);

  // A new list starts at its first result; a refreshed one (indexing finished) keeps the place.
  useEffect(() => setActive(0), [query, filters]);

  const clear = () => {
    setQuery('');
    setFilters(noFilters);
    setResults(null);
    setFailure(null);
  };
  return { query, setQuery, filters, setFilters, results, models, indexing, failure, active, setActive, clear };
}
