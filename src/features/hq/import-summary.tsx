import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ImportField, type MemberImportReport } from '../../protocol/index.ts';

interface Props {
  report: MemberImportReport;
  /** Undefined while a check or the import runs: the selects are then read-only. */
  onRemap: ((header: string, field: ImportField) => void) | undefined;
}

/** The counts, the encoding found, and the column mapping with a select per column. */
export function ImportSummary({ report, onRemap }: Props) {
  const { t } = useTranslation();
  const counts = [
    ['rows', report.rows],
    ['invalid', report.invalid.length],
    ['duplicates', report.duplicates.length],
    ['importable', report.importable],
  ] as const;
  return (
    <section className="import__summary">
      <dl className="import__counts">
        {counts.map(([key, value]) => (
          <div key={key} className="import__count">
            <dt>{t(`hq.imports.summary.${key}`)}</dt>
            <dd data-testid={`import-count-${key}`}>{value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      <p className="import__encoding">{t('hq.imports.encoding', { encoding: t(`hq.imports.encodings.${report.encoding}`) })}</p>
      <h3 className="import__heading">{t('hq.imports.columns.title')}</h3>
      <table className="import__table">
        <thead>
          <tr>
            <th scope="col">{t('hq.imports.columns.header')}</th>
            <th scope="col">{t('hq.imports.columns.field')}</th>
          </tr>
        </thead>
        <tbody>
          {report.columns.map((column, index) => (
            <tr key={`${index}-${column.header}`}>
              <td>{column.header}</td>
              <td>
                <select
                  className="input import__select"
                  aria-label={column.header}
                  value={column.field}
                  disabled={!onRemap}
                  onChange={(event) => onRemap?.(column.header, event.target.value as ImportField)}
                >
                  {IMPORT_FIELDS.map((field) => (
                    <option key={field} value={field}>
                      {t(`hq.imports.fields.${field}`)}
                    </option>
                  ))}
                </select>
                {column.overridden ? <span className="badge import__badge">{t('hq.imports.columns.overridden')}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
