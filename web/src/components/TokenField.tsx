/**
 * The header's "Access token" control, for a service that keeps reads private: a password
 * field whose value is kept for this tab (sessionStorage) and sent with every request.
 */
import { useState } from 'preact/hooks';
import { clearCache } from '../api/client';
import { readToken, saveToken } from '../api/token';

export function TokenField() {
  const [open, setOpen] = useState(false);
  const [stored, setStored] = useState(() => readToken() !== null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    try {
      setStored(saveToken(input.value) !== null);
    } catch (error) {
      setProblem((error as Error).message);
      return;
    }
    setProblem(null);
    setOpen(false);
    // Answers read with the previous token (or none) are not reused: the view reads again.
    clearCache();
    dispatchEvent(new HashChangeEvent('hashchange'));
  };

  return (
    <div class="token">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Access token{stored ? ' ✓' : ''}
      </button>
      {open && (
        <form onSubmit={submit}>
          <label>
            Token (kept for this tab only; empty to forget)
            <input name="token" type="password" autoComplete="off" spellcheck={false} />
          </label>
          <button type="submit">Use</button>
          {problem && (
            <span class="error" role="alert">
              {problem}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
