import { useTranslation } from 'react-i18next';
import type { MemberImportReport } from '../../protocol/index.ts';

/** Rows shown per table: a 10,000-row mistake (a wrong column) must not freeze the page. */
const SHOWN = 200;

/** Each invalid row with its Excel row number and every reason, then each duplicate and whom it duplicates. */
export function ImportProblems({ report }: { report: MemberImportReport }) {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="import__heading">{t('hq.imports.invalid.title')}</h3>
      {report.invalid.length === 0 ? (
        <p className="import__none">{t('hq.imports.invalid.none')}</p>
      ) : (
        <table className="import__table" data-testid="import-invalid">
          <thead>
            <tr>
              <th scope="col">{t('hq.imports.invalid.line')}</th>
              <th scope="col">{t('hq.imports.invalid.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {report.invalid.slice(0, SHOWN).map((row) => (
              <tr key={row.line}>
                <td>{t('hq.imports.lineNo', { line: row.line })}</td>
                <td>
                  <ul className="import__problems">
                    {row.problems.map((problem) => (
                      <li key={`${problem.field}-${problem.reason}`}>
                        {t(`hq.imports.fields.${problem.field}`)}: {t(`hq.imports.reasons.${problem.reason}`)}
                        {problem.value === '' ? null : <code className="import__value">{problem.value}</code>}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <More hidden={report.invalid.length - SHOWN} />
      <h3 className="import__heading">{t('hq.imports.duplicates.title')}</h3>
      {report.duplicates.length === 0 ? (
        <p className="import__none">{t('hq.imports.duplicates.none')}</p>
      ) : (
        <table className="import__table" data-testid="import-duplicates">
          <thead>
            <tr>
              <th scope="col">{t('hq.imports.duplicates.line')}</th>
              <th scope="col">{t('hq.imports.duplicates.on')}</th>
              <th scope="col">{t('hq.imports.duplicates.of')}</th>
            </tr>
          </thead>
          <tbody>
            {report.duplicates.slice(0, SHOWN).map((dup) => (
              <tr key={dup.line}>
                <td>{t('hq.imports.lineNo', { line: dup.line })}</td>
                <td>{dup.on.map((key) => t(`hq.imports.keys.${key}`)).join(', ')}</td>
                <td>
                  {dup.of.kind === 'row'
                    ? t('hq.imports.duplicates.ofRow', { line: dup.of.line })
                    : t('hq.imports.duplicates.ofMember', { memberNo: dup.of.memberNo })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <More hidden={report.duplicates.length - SHOWN} />
    </>
  );
}

function More({ hidden }: { hidden: number }) {
  const { t } = useTranslation();
  return hidden > 0 ? <p className="import__none">{t('hq.imports.more', { count: hidden })}</p> : null;
}
