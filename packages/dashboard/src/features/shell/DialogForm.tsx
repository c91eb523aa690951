import type { FormEvent, ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeError } from '../../graphql/errors';
import { useT } from '../../i18n';
import { Dialog } from './Dialog';

interface DialogFormProps {
  title: string;
  testId: string;
  /** Sends the form; answers what was done (for `onDone`), or null when the server refused. */
  onSubmit: (form: FormData) => Promise<string | null>;
  /** The refusal no field of the form shows, if any. */
  formError: CombinedError | undefined;
  fetching: boolean;
  /** The submit button: its words, its look, and whether it is off (besides while sending). */
  submit: { label: string; className: string; disabled?: boolean };
  onClose: () => void;
  onDone: (message: string) => void;
  children: ReactNode;
}

/** An action's form in a dialog: its fields, the refusal no field shows, cancel and submit. */
export function DialogForm(props: DialogFormProps) {
  const { title, testId, onSubmit, formError, fetching, submit, onClose, onDone, children } = props;
  const t = useT();
  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await onSubmit(new FormData(event.currentTarget));
    if (done !== null) {
      onClose();
      onDone(done);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form className="dialog__form" onSubmit={send}>
        {children}
        {formError && (
          <p className="form-error" role="alert">
            {describeError(formError, t)}
          </p>
        )}
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button
            type="submit"
            className={submit.className}
            disabled={fetching || submit.disabled}
            aria-busy={fetching}
          >
            {submit.label}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** What a control of a dialog's form is given: its id and, when refused, the tie to the message. */
interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface DialogFieldProps {
  id: string;
  label: string;
  /** The server's message for this field, if it refused it. */
  error: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with, under it, the server's message for its field (tied by `aria-describedby`). */
export function DialogField({ id, label, error, children }: DialogFieldProps) {
  const errorId = `${id}-error`;
  return (
    <>
      <label className="field" htmlFor={id}>
        <span className="field__label">{label}</span>
        {children({
          id,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? errorId : undefined,
        })}
      </label>
      {error && (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </>
  );
}
