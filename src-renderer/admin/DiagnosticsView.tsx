// The diagnostics a technician reads on the admin screen: terminal, versions, data, sync, disk,
// memory, printer, report outbox and fleet heartbeats in cards, then the recent incidents and log lines. States
// carry a ✓, ⚠ or ? sign in their text, so none rests on colour alone.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostics, Incident } from '../../src-shared/admin-api.js';
import { formatDate } from '../boards/format.js';
import { formatFiledAt } from '../reporting/ReportReview.js';
import { formatBytes, layoutLabel, printerStateLabel, problemLabel, resultLine } from './labels.js';

function Card({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="admin-card" data-testid={testId}>
      <h3 className="admin-card-title">{title}</h3>
      <dl className="admin-fields">{children}</dl>
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="admin-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Renders the heartbeat queue's card; for an unreadable queue file, only its problem. */
function FleetCard({ fleet }: { fleet: NonNullable<Diagnostics['fleet']> }) {
  const { t } = useTranslation();
  if (fleet.problem !== null) {
    return (
      <Card title={t('admin.section.fleet')} testId="admin-fleet">
        <p className="admin-line admin-line--problem">{t('admin.field.fleetUnreadable', { problem: fleet.problem })}</p>
      </Card>
    );
  }

  return (
    <Card title={t('admin.section.fleet')} testId="admin-fleet">
      <p className="admin-line">{t('admin.field.fleetWaiting', { waiting: fleet.waiting, retrying: fleet.retrying })}</p>
      {fleet.dropped > 0 && <p className="admin-line admin-line--problem">{t('admin.field.fleetDropped', { dropped: fleet.dropped })}</p>}
      <p className={fleet.lastError === null ? 'admin-line' : 'admin-line admin-line--problem'}>
        {fleet.lastError === null ? t('admin.field.fleetNoError') : t('admin.field.fleetLastError', { error: fleet.lastError })}
      </p>
    </Card>
  );
}

/** Sorts incidents newest first. An entry whose time does not parse goes last. */
function newestFirst(incidents: Incident[]): Incident[] {
  const timeOf = (incident: Incident) => Date.parse(incident.at) || 0;
  return [...incidents].sort((a, b) => timeOf(b) - timeOf(a));
}

type SyncOutcome = NonNullable<NonNullable<Diagnostics['lastSync']>['outcome']>;

/** Returns the sync-now result code of the last pass: its status, or a failure's reason. */
function outcomeCode(outcome: SyncOutcome): string {
  if (outcome.status === 'failed') return outcome.reason ?? 'failed';
  return outcome.status;
}

export function DiagnosticsView({ diagnostics }: { diagnostics: Diagnostics }) {
  const { t, i18n } = useTranslation();
  const { versions, snapshot, lastSync, disk, memory, printer, outbox } = diagnostics;
  const freePercent = disk.totalBytes > 0 ? Math.round((disk.freeBytes / disk.totalBytes) * 100) : 0;
  const incidents = newestFirst(diagnostics.incidents);
  const outcome = lastSync?.outcome;
  const outcomeFailed = outcome !== undefined && (outcome.status === 'failed' || outcome.status === 'rejected');

  return (
    <>
      <div className="admin-cards">
        <Card title={t('admin.section.terminal')} testId="admin-terminal">
          <Field label={t('admin.field.terminalId')}>{diagnostics.terminalId}</Field>
          <Field label={t('admin.field.terminalName')}>{diagnostics.terminalName}</Field>
          <Field label={t('admin.field.regionCode')}>{diagnostics.regionCode}</Field>
        </Card>

        <Card title={t('admin.section.versions')} testId="admin-versions">
          <Field label={t('admin.field.app')}>{versions.app}</Field>
          <Field label={t('admin.field.electron')}>{versions.electron ?? t('admin.field.browserHost')}</Field>
          <Field label={t('admin.field.chromium')}>{versions.chromium ?? t('admin.field.browserHost')}</Field>
          <Field label={t('admin.field.node')}>{versions.node}</Field>
        </Card>

        <Card title={t('admin.section.data')} testId="admin-data">
          {snapshot === null ? (
            <Field label={t('admin.field.dataVersion')}>{t('admin.field.noSnapshot')}</Field>
          ) : (
            <>
              <Field label={t('admin.field.dataVersion')}>{snapshot.version}</Field>
              <Field label={t('admin.field.dataAsOf')}>{formatDate(snapshot.dataAsOf, i18n.language)}</Field>
              <Field label={t('admin.field.createdAt')}>{formatFiledAt(snapshot.createdAt)}</Field>
              <Field label={t('admin.field.expiresAt')}>
                {formatFiledAt(snapshot.expiresAt)} {snapshot.expired ? t('admin.field.expired') : t('admin.field.notExpired')}
              </Field>
            </>
          )}
        </Card>

        <Card title={t('admin.section.sync')} testId="admin-sync">
          <Field label={t('admin.field.lastSync')}>{lastSync?.at ? formatFiledAt(lastSync.at) : t('admin.field.never')}</Field>
          <Field label={t('admin.field.lastSuccess')}>
            {lastSync?.succeededAt ? formatFiledAt(lastSync.succeededAt) : t('admin.field.never')}
          </Field>
          {outcome !== undefined && (
            <Field label={t('admin.field.lastResult')}>
              <span className={outcomeFailed ? 'admin-line--problem' : undefined} data-testid="admin-sync-outcome">
                {resultLine(t, 'sync-now', outcomeFailed ? 'failed' : 'done', outcomeCode(outcome))}
              </span>
            </Field>
          )}
          {outcomeFailed && outcome.detail !== null && outcome.detail !== '' && (
            <p className="admin-line admin-line--technical">{t('admin.field.lastResultDetail', { detail: outcome.detail })}</p>
          )}
          {lastSync === null || lastSync.problems.length === 0 ? (
            !outcomeFailed && <p className="admin-line">{t('admin.field.noProblems')}</p>
          ) : (
            lastSync.problems.map((problem) => (
              <p key={problem.code} className="admin-line admin-line--problem">
                {t('admin.field.problem', { problem: problemLabel(t, problem.code), detail: problem.detail })}
              </p>
            ))
          )}
        </Card>

        <Card title={t('admin.section.disk')} testId="admin-disk">
          <p className="admin-line">
            {t('admin.field.diskFree', { free: formatBytes(t, disk.freeBytes), total: formatBytes(t, disk.totalBytes), percent: freePercent })}
          </p>
          <p className="admin-line admin-line--technical">{t('admin.field.diskPath', { path: disk.path })}</p>
        </Card>

        <Card title={t('admin.section.memory')} testId="admin-memory">
          <p className="admin-line">{t('admin.field.processMemory', { size: formatBytes(t, memory.processBytes) })}</p>
          <p className="admin-line">
            {t('admin.field.systemMemory', { free: formatBytes(t, memory.systemFreeBytes), total: formatBytes(t, memory.systemTotalBytes) })}
          </p>
        </Card>

        <Card title={t('admin.section.printer')} testId="admin-printer">
          <p className="admin-line">{t('admin.field.printerState', { state: printerStateLabel(t, printer.state) })}</p>
          {printer.name !== null && <p className="admin-line">{t('admin.field.printerName', { name: printer.name })}</p>}
          {printer.layout !== null && <p className="admin-line">{t('admin.field.printerLayout', { layout: layoutLabel(t, printer.layout) })}</p>}
          {printer.detail !== null && (
            <p className="admin-line admin-line--technical">{t('admin.field.printerDetail', { detail: printer.detail })}</p>
          )}
        </Card>

        <Card title={t('admin.section.outbox')} testId="admin-outbox">
          <p className="admin-line">{t('admin.field.outboxWaiting', { waiting: outbox.waiting })}</p>
          <p className={outbox.lastError === null ? 'admin-line' : 'admin-line admin-line--problem'}>
            {outbox.lastError === null ? t('admin.field.outboxNoError') : t('admin.field.outboxLastError', { error: outbox.lastError })}
          </p>
        </Card>

        {diagnostics.fleet !== undefined && <FleetCard fleet={diagnostics.fleet} />}
      </div>

      <section className="admin-panel" data-testid="admin-incidents">
        <h3 className="admin-card-title">{t('admin.section.incidents')}</h3>
        {incidents.length === 0 ? (
          <p className="admin-line">{t('admin.field.noIncidents')}</p>
        ) : (
          <ol className="admin-incidents">
            {incidents.map((incident, index) => (
              <li key={`${incident.at}:${index}`} className="admin-incident">
                <span className="admin-incident-time">{formatFiledAt(incident.at)}</span>
                <span className="admin-incident-kind">{incident.kind}</span>
                <span className="admin-incident-detail">{incident.detail}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="admin-panel" data-testid="admin-logs">
        <h3 className="admin-card-title">{t('admin.section.logs')}</h3>
        {diagnostics.logLines.length === 0 ? (
          <p className="admin-line">{t('admin.field.noLogs')}</p>
        ) : (
          <div className="admin-log" tabIndex={0}>
            {diagnostics.logLines.map((line, index) => (
              <p key={index} className="admin-log-line">
                {line}
              </p>
            ))}
          </div>
        )}
      </section>
    </>
  );
}
