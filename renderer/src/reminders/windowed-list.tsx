// The Reminders view's lists: short ones render whole; a long one (an imported calendar of
// thousands) renders only the rows in view and a dozen either side, so the view opens and scrolls
// like a short one. Rows stay in one list in their order, so Tab and screen readers walk them as before.
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { Fragment, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** Up to this many rows a list renders whole (find in page, no jumps while heights are measured). */
export const WHOLE_LIST_ROWS = 150;

/** What a windowed row puts on its `<li>`, so its height is measured as it renders. */
export interface Measure {
  ref(element: Element | null): void;
  index: number;
}

export interface ListRow {
  key: string;
  /** A day's heading among the items (a taller or shorter row than an item). */
  heading?: boolean;
  render(measure: Measure | undefined): ReactNode;
}

export function WindowedList({ rows }: { rows: ListRow[] }) {
  if (rows.length <= WHOLE_LIST_ROWS) {
    return (
      <ul className="items">
        {rows.map((row) => (
          <Fragment key={row.key}>{row.render(undefined)}</Fragment>
        ))}
      </ul>
    );
  }
  return <Windowed rows={rows} />;
}

/**
 * A view that is hidden (or laid out by a DOM without layout) has no height yet: plan for a
 * window's worth of rows.
 */
function observeRect(instance: Virtualizer<Element, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { ...rect, height: window.innerHeight }));
}

const scroller = (list: HTMLElement | null): HTMLElement | null =>
  list?.closest<HTMLElement>('section.reminders') ?? null;

function Windowed({ rows }: { rows: ListRow[] }) {
  const list = useRef<HTMLUListElement>(null);
  // Where the list starts in the scrolling view: the lists and headings above it come first.
  const [margin, setMargin] = useState(0);
  const estimate = (index: number) => (rows[index]?.heading ? 40 : 64);
  const virtualizer = useVirtualizer<Element, Element>({
    count: rows.length,
    getScrollElement: () => scroller(list.current),
    estimateSize: estimate,
    // A row of a hidden view (or of a DOM without layout) measures 0: keep its estimate, or every
    // row would seem to fit in view and all would render.
    measureElement: (element, _entry, instance) =>
      element.getBoundingClientRect().height || estimate(instance.indexFromElement(element)),
    overscan: 12,
    scrollMargin: margin,
    getItemKey: (index) => rows[index]?.key ?? index,
    observeElementRect: observeRect,
    useFlushSync: false,
  });
  useLayoutEffect(() => {
    const view = scroller(list.current);
    if (!list.current || !view) return;
    const top = list.current.getBoundingClientRect().top - view.getBoundingClientRect().top + view.scrollTop;
    if (top !== margin) setMargin(top);
  });
  const shown = virtualizer.getVirtualItems();
  // The rows out of view are padding above and below the ones drawn, so the scrollbar spans them all.
  const above = (shown[0]?.start ?? margin) - margin;
  const below = virtualizer.getTotalSize() - ((shown.at(-1)?.end ?? margin) - margin);
  return (
    <ul ref={list} className="items" style={{ paddingTop: above, paddingBottom: Math.max(0, below) }}>
      {shown.map((item) => (
        <Fragment key={item.key}>
          {rows[item.index]?.render({ ref: virtualizer.measureElement, index: item.index })}
        </Fragment>
      ))}
    </ul>
  );
}
