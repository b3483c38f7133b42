import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { ImportSummary } from './import-summary.tsx';
import { ImportProblems } from './import-problems.tsx';
import { useImportFlow, type ImportFailure } from './import-flow.ts';
import './import.css';

/**
 * #/hq/import: HQ imports a legacy member list. The dry run comes first and is
 * the only way to the import button, so nobody imports a file whose report
 * they have not seen; changing a column's mapping checks again.
 */
export function MemberImportScreen() {
  const { t, i18n } = useTranslation();
  const flow = useImportFlow();
  const { phase } = flow;
  const report = 'report' in phase ? phase.report : undefined;
  const busy = phase.kind === 'checking' || phase.kind === 'importing';
  const canImport = phase.kind === 'checked' && !phase.report.alreadyImported && phase.report.importable > 0;

  return (
    <section className="panel import">
      <h2 className="panel__title">{t('hq.imports.title')}</h2>
      <p className="import__intro">{t('hq.imports.intro')}</p>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          flow.check();
        }}
      >
        <label className="field">
          <span className="field__label">{t('hq.imports.apiKey')}</span>
          <input className="input" type="password" autoComplete="off" value={flow.apiKey} onChange={(e) => flow.setApiKey(e.target.value.trim())} />
          <span className="import__hint">{t('hq.imports.apiKeyHint')}</span>
        </label>
        <label className="field">
          <span className="field__label">{t('hq.imports.file')}</span>
          <input className="input" type="file" accept=".csv,text/csv" onChange={(e) => flow.setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button className="button" type="submit" disabled={busy || !flow.file || flow.apiKey === ''}>
          {phase.kind === 'checking' ? t('hq.imports.checking') : t('hq.imports.check')}
        </button>
      </form>

      {phase.kind === 'checking' && report ? <p className="message message--info">{t('hq.imports.recheck')}</p> : null}
      {phase.kind === 'failed' ? <FailureMessage failure={phase.failure} /> : null}
      {report?.alreadyImported ? (
        <p className="message message--info" role="status" data-testid="import-already">
          {t('hq.imports.already', { at: formatDateTime(report.alreadyImported.importedAt, i18n.language), count: report.alreadyImported.imported })}
        </p>
      ) : null}
      {phase.kind === 'done' && !phase.report.alreadyImported ? (
        <p className="message message--success" role="status" data-testid="import-result">
          {phase.report.memberNos
            ? t('hq.imports.done', { count: phase.report.imported, first: phase.report.memberNos.first, last: phase.report.memberNos.last })
            : t('hq.imports.doneNone')}
        </p>
      ) : null}

      {report ? (
        <>
          <ImportSummary report={report} onRemap={phase.kind === 'checked' || phase.kind === 'failed' ? flow.remap : undefined} />
          {phase.kind === 'checked' || phase.kind === 'importing' ? (
            <button className="button button--primary import__go" type="button" disabled={!canImport} onClick={flow.runImport}>
              {phase.kind === 'importing' ? t('hq.imports.importing') : t('hq.imports.import', { count: report.importable })}
            </button>
          ) : null}
          <ImportProblems report={report} />
        </>
      ) : null}
    </section>
  );
}

function FailureMessage({ failure }: { failure: ImportFailure }) {
  const { t } = useTranslation();
  let text: string;
  if (failure.kind === 'network') text = t('hq.imports.errors.network');
  else if (failure.code === 'unauthorized' || failure.code === 'payload-too-large') text = t(`hq.imports.errors.${failure.code}`);
  else text = t('hq.imports.errors.other', { message: failure.message });
  return (
    <p className="message message--error" role="alert">
      {text}
    </p>
  );
}
