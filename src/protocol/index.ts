export * from './version.ts';
export * from './errors.ts';
export * from './documents.ts';
export * from './sync.ts';
export * from './enrolment.ts';
export * from './policy.ts';
export * from './api.ts';
