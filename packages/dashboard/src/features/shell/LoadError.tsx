import type { ReactNode } from 'react';
import { useT } from '../../i18n';

interface Props {
  /** What could not be read, and why (the server's words or the network's). */
  message: string;
  onRetry: () => void;
  /** Other ways on, after "retry". */
  children?: ReactNode;
}

/** A page's data could not be read: says so, and offers to read it again. */
export function LoadError({ message, onRetry, children }: Props) {
  const t = useT();
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('members.retry')}
      </button>
      {children}
    </div>
  );
}
