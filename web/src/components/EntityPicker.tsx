/** A name box with suggestions (the browser's own datalist, keyboard-friendly) that resolves to an entity. */
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api/client';
import type { EntityLabel } from '../api/types';
import { Suggest, resolveName, type NamedEntity } from './operations';

let counter = 0;

interface Props {
  label: string;
  value?: string;
  labels?: EntityLabel[];
  /** Called with the resolved entity; when `onValue` is given the box is only a field of a form. */
  onPick?: (slug: string, entity: NamedEntity) => void;
  onValue?: (text: string) => void;
  id?: string;
}

export function EntityPicker({ label, value = '', labels, onPick, onValue, id }: Props) {
  const [text, setText] = useState(value);
  const [options, setOptions] = useState<NamedEntity[]>([]);
  const [problem, setProblem] = useState('');
  const [listId] = useState(() => `picker-${++counter}`);
  const inputId = id ?? `${listId}-input`;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim().length < 2) return setOptions([]);
    const timer = setTimeout(() => {
      request(Suggest, { text: text.trim(), kinds: labels ?? null }).then((r) => setOptions(r.search.nodes), () => setOptions([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [text]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!onPick) return;
    const entity = await resolveName(text, labels ?? null).catch(() => null);
    if (entity) {
      setProblem('');
      onPick(entity.slug, entity);
    } else setProblem(`No entity called “${text}”.`);
  };

  const field = (
    <>
      <label for={inputId}>{label}</label>
      <input
        id={inputId}
        type="text"
        list={listId}
        value={text}
        autocomplete="off"
        onInput={(e) => {
          const v = (e.target as HTMLInputElement).value;
          setText(v);
          onValue?.(v);
        }}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.slug} value={o.name}>
            {o.__typename}
          </option>
        ))}
      </datalist>
    </>
  );
  if (!onPick) return <span class="picker">{field}</span>;
  return (
    <form class="picker" onSubmit={submit}>
      {field}
      <button type="submit">Go</button>
      {problem && (
        <span class="error" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
