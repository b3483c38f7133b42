/** The bonus rules section of #/hq/campaigns, Japanese first (en must have the same keys). Mounted under `hqBonusRules.` by src/app/i18n. */
export const hqBonusRulesJa = {
  title: 'ボーナスルール',
  intro: '店舗でポイントを貯めたことのある会員が、期間中にECで初めてポイントを貯めたとき、一度だけボーナスポイントを付与します（EC初回購入ボーナス）。',
  new: '新しいボーナスルール',
  empty: 'ボーナスルールはまだありません。',
  pointsValue: '{{points}} pt',
  remove: '削除する',
  confirm: '「{{name}}」を削除しますか？これから先は付与されません。付与済みのボーナスはそのままです。',
  form: {
    newTitle: '新しいボーナスルール（EC初回購入）',
    editTitle: 'ボーナスルールの変更',
    points: 'ボーナスポイント',
  },
};

export const hqBonusRulesEn: typeof hqBonusRulesJa = {
  title: 'Bonus rules',
  intro: 'A member who has earned points in a shop gets bonus points once, with their first EC earn within the rule’s days (first EC purchase bonus).',
  new: 'New bonus rule',
  empty: 'No bonus rules yet.',
  pointsValue: '{{points}} pt',
  remove: 'Remove',
  confirm: 'Remove “{{name}}”? It is not given from now on; bonuses already given stay.',
  form: {
    newTitle: 'New bonus rule (first EC purchase)',
    editTitle: 'Change bonus rule',
    points: 'Bonus points',
  },
};
