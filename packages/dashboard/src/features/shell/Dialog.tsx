import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../../i18n';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

/**
 * A modal dialog on the native `<dialog>`: the browser traps focus, Escape closes it, and focus
 * returns to what opened it. Render it only while it is open.
 */
export function Dialog({ title, onClose, children, testId }: Props) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} data-testid={testId}>
      <div className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <button
          type="button"
          className="button button--quiet"
          onClick={onClose}
          aria-label={t('dialog.close')}
        >
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
