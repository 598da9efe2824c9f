// A full-screen message after a lookup that found nothing, or when the service failed, with
// what to do next and large buttons.
import { useTranslation } from 'react-i18next';
import { BackButton, DoneButton } from '../components/BackDoneButtons.js';

export type MessageKind = 'not-found' | 'invalid' | 'no-data' | 'unavailable';

export interface MessageScreenProps {
  kind: MessageKind;
  onBack(): void;
  onDone(): void;
  onRetry?: () => void;
  /** Set when a number was not found and its first 6 digits are not the snapshot's region. */
  otherRegionName?: string;
}

export function MessageScreen({ kind, onBack, onDone, onRetry, otherRegionName }: MessageScreenProps) {
  const { t } = useTranslation();

  let title: string;
  let hint: string;
  if (kind === 'not-found') {
    title = t('message.notFoundTitle');
    hint = t('message.notFoundHint');
  } else if (kind === 'invalid') {
    title = t('message.invalidTitle');
    hint = t('message.invalidHint');
  } else if (kind === 'no-data') {
    title = t('message.noDataTitle');
    hint = t('message.noDataHint');
  } else {
    title = t('message.unavailableTitle');
    hint = t('message.unavailableHint');
  }

  return (
    <main className="message-screen" data-testid={`message-${kind}`}>
      <div className="message-icon" aria-hidden="true">
        {kind === 'not-found' ? '?' : '⚠'}
      </div>
      <h2 className="message-title" role="alert">
        {title}
      </h2>
      <p className="message-hint">{hint}</p>
      {kind === 'not-found' && otherRegionName !== undefined && (
        <p className="message-hint message-hint--region" data-testid="other-region-hint">
          <span aria-hidden="true">⚠ </span>
          {t('message.otherRegionHint', { region: otherRegionName })}
        </p>
      )}
      <div className="button-row">
        {onRetry ? (
          <button type="button" className="big-button big-button--primary" onClick={onRetry}>
            {t('message.retry')}
          </button>
        ) : (
          <BackButton onBack={onBack} />
        )}
        <DoneButton onDone={onDone} />
      </div>
    </main>
  );
}
