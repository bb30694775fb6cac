import { useEffect, useState } from 'react';
import { useDebounced } from '../lib/hooks';

/** A search field that reports its text once typing pauses (empty → undefined). */
export function SearchBox({ label, placeholder, onSearch }: { label: string; placeholder: string; onSearch(q: string | undefined): void }) {
  const [text, setText] = useState('');
  const settled = useDebounced(text.trim(), 300);
  useEffect(() => onSearch(settled === '' ? undefined : settled), [settled]);
  return (
    <label className="search">
      <span className="visually-hidden">{label}</span>
      <input type="search" placeholder={placeholder} value={text} onChange={(e) => setText(e.target.value)} />
    </label>
  );
}
