import { useState } from 'react';

/**
 * Keyset paging state: the cursor of each page visited so far, so "Previous" goes back without
 * the server needing backwards cursors. Reset when the search changes.
 */
export function useCursorPages() {
  const [stack, setStack] = useState<Array<string | undefined>>([undefined]);
  return {
    cursor: stack[stack.length - 1],
    page: stack.length,
    next: (cursor: string) => setStack((s) => [...s, cursor]),
    prev: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([undefined]),
  };
}

export function Pager({ page, nextCursor, onNext, onPrev }: { page: number; nextCursor: string | null | undefined; onNext(c: string): void; onPrev(): void }) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="btn btn-small" disabled={page <= 1} onClick={onPrev}>
        ← Previous
      </button>
      <span className="pager-page">Page {page}</span>
      <button type="button" className="btn btn-small" disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)}>
        Next →
      </button>
    </nav>
  );
}
