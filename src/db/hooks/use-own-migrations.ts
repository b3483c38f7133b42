import { useMemo } from 'react';
import { observeOwnMigrations, type OwnMigration } from '../paper-card-migrations.ts';
import { useObservable, valueOf } from './use-observable.ts';

/** This tablet's paper card migrations with their live status (pending, posted, refused); undefined while loading. */
export function useOwnMigrations(): OwnMigration[] | undefined {
  const source$ = useMemo(() => observeOwnMigrations(), []);
  return valueOf(useObservable(source$));
}
