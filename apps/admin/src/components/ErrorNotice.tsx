import { isSessionError, type ReadableError } from '../lib/errors';
import { useSignOut } from '../lib/app-context';

/** A gateway (or login) error as a readable message with its errcode, status and a hint. */
export function ErrorNotice({ error, onRetry }: { error: ReadableError | null; onRetry?: () => void }) {
  const signOut = useSignOut();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <div className="notice-head">
        <code className="errcode">{error.errcode}</code>
        {error.status !== null && <span className="status">HTTP {error.status}</span>}
      </div>
      <p className="notice-message">{error.message}</p>
      {error.hint && <p className="notice-hint">{error.hint}</p>}
      <div className="notice-actions">
        {onRetry && (
          <button type="button" className="btn btn-small" onClick={onRetry}>
            Retry
          </button>
        )}
        {signOut && isSessionError(error) && (
          <button type="button" className="btn btn-small" onClick={signOut}>
            Sign in again
          </button>
        )}
      </div>
    </div>
  );
}
