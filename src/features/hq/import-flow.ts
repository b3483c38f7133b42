import { useCallback, useRef, useState } from 'react';
import { TenpoError, type ColumnMapping, type ImportField, type MemberImportReport } from '../../protocol/index.ts';
import { useHqApiKey } from './hq-api.ts';
import { ImportNetworkError, postMemberImport } from './import-api.ts';

export type ImportFailure = { kind: 'network' } | { kind: 'refused'; code: string; message: string };

export type ImportPhase =
  | { kind: 'idle' }
  | { kind: 'checking'; report?: MemberImportReport }
  | { kind: 'checked'; report: MemberImportReport }
  | { kind: 'importing'; report: MemberImportReport }
  | { kind: 'done'; report: MemberImportReport }
  | { kind: 'failed'; failure: ImportFailure; report?: MemberImportReport };

export interface ImportFlow {
  apiKey: string;
  setApiKey: (key: string) => void;
  file: File | null;
  setFile: (file: File | null) => void;
  phase: ImportPhase;
  check: () => void;
  /** Changes one column's field and checks again: the report is only true for the mapping it was made with. */
  remap: (header: string, field: ImportField) => void;
  runImport: () => void;
}

function failureOf(error: unknown): ImportFailure {
  if (error instanceof TenpoError) return { kind: 'refused', code: error.code, message: error.message };
  if (error instanceof ImportNetworkError) return { kind: 'network' };
  return { kind: 'refused', code: 'internal', message: String(error) };
}

/** The import screen's steps: choose a file, dry run, adjust the mapping, import. */
export function useImportFlow(): ImportFlow {
  const session = useHqApiKey();
  const { apiKey } = session;
  const [file, setFileState] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  // A late answer for an older file or mapping must not overwrite the newer one.
  const generation = useRef(0);

  const send = useCallback(
    (dryRun: boolean, nextMapping: ColumnMapping, previous?: MemberImportReport) => {
      if (!file) return;
      const mine = ++generation.current;
      if (dryRun) setPhase({ kind: 'checking', ...(previous ? { report: previous } : {}) });
      else if (previous) setPhase({ kind: 'importing', report: previous });
      else return;
      postMemberImport({ apiKey, file, fileName: file.name, dryRun, mapping: nextMapping }).then(
        (report) => {
          if (mine === generation.current) setPhase(dryRun ? { kind: 'checked', report } : { kind: 'done', report });
        },
        (error: unknown) => {
          if (mine === generation.current) setPhase({ kind: 'failed', failure: failureOf(error), ...(previous ? { report: previous } : {}) });
        },
      );
    },
    [apiKey, file],
  );

  const report = 'report' in phase ? phase.report : undefined;
  return {
    apiKey,
    setApiKey: session.saveApiKey,
    file,
    setFile(next) {
      generation.current += 1;
      setFileState(next);
      setMapping({});
      setPhase({ kind: 'idle' });
    },
    phase,
    check: () => send(true, mapping),
    remap(header, field) {
      const next = { ...mapping, [header]: field };
      setMapping(next);
      send(true, next, report);
    },
    runImport() {
      if (report) send(false, mapping, report);
    },
  };
}
