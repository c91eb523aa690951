import { useConnectionState, type ConnectionState } from '../../graphql/connection';
import { useYilianClient } from '../../graphql/YilianProvider';
import { useT, type MessageKey } from '../../i18n';

const LABEL: Record<ConnectionState, MessageKey> = {
  connecting: 'connection.connecting',
  live: 'connection.live',
  reconnecting: 'connection.reconnecting',
  offline: 'connection.offline',
};

/**
 * Live / reconnecting / offline, as a dot and a word (never colour alone). A polite live region, so a
 * screen reader hears when the wall screen loses its connection and when it is back.
 */
export function ConnectionIndicator() {
  const t = useT();
  const state = useConnectionState(useYilianClient().connection);
  return (
    <p
      className={`connection connection--${state}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
      data-state={state}
      title={state === 'offline' ? t('connection.offlineHint') : undefined}
    >
      <span className="visually-hidden">{t('connection.label')}: </span>
      <span className="connection__dot" aria-hidden="true" />
      {t(LABEL[state])}
    </p>
  );
}
