import type { MigrationStrategies } from 'rxdb';

/**
 * Schema migrations of the local database. They exist because tablets in
 * shops already hold version 0 documents — including ledger entries written
 * offline and not yet pushed, which exist nowhere else. Without a strategy
 * RxDB refuses to open the collection (DM4), and the only way out would be
 * wiping the tablet, unsent entries and all.
 *
 * Each step only fills in the fields the new version requires, with the
 * values the protocol gives them by default; the server stays the authority
 * and sends the real values on the next pull.
 */

type Doc = Record<string, unknown>;

export const POINT_ENTRY_MIGRATIONS: MigrationStrategies = {
  // v1 (typed ledger): staff and receipt reference became required; '' is the protocol default ("none").
  1: (doc: Doc): Doc => ({ ...doc, staffId: doc.staffId ?? '', ref: doc.ref ?? '' }),
};

export const POINT_ACCOUNT_MIGRATIONS: MigrationStrategies = {
  // v1 (account projection): a stand-in until the server's projection arrives
  // — the sync engine re-pulls read-only collections after a schema change.
  1: (doc: Doc): Doc => {
    const balance = typeof doc.balance === 'number' ? doc.balance : 0;
    return {
      ...doc,
      available: Math.max(0, balance),
      debt: Math.max(0, -balance),
      lots: [],
      rank: 'regular',
      flaggedEntryIds: [],
    };
  },
};

export const MEMBER_MIGRATIONS: MigrationStrategies = {
  // v1 (one member ID): lookup key, consents, verification, merges, paper cards
  // and phone keys. A member registered offline and not yet pushed exists only
  // here, so it is kept; its kana key is filled by the server on push, and the
  // server's copy of every other member arrives on the re-pull.
  1: (doc: Doc): Doc => ({
    ...doc,
    kanaKey: '',
    consentTerms: false,
    consentMarketing: false,
    phoneVerified: false,
    emailVerified: false,
    lineUserId: '',
    mergedInto: '',
    paperCards: [],
    cardKeys: [],
  }),
};

export const PRODUCT_MIGRATIONS: MigrationStrategies = {
  // v1 (variants): products are read-only, so the sync engine pulls them again
  // from the start after this change; '' is "no style" until then.
  1: (doc: Doc): Doc => ({ ...doc, styleCode: '', styleName: '', size: '', colour: '' }),
};

/** v1 (issue 6): pointsPolicy became optional beside devicePolicy and staff; v0 documents are valid as they are. */
export const SETTINGS_MIGRATIONS: MigrationStrategies = {
  1: (doc: Record<string, unknown>) => doc,
};
