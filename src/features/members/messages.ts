/**
 * This feature's messages, Japanese first (the default; en must have the same
 * keys). Mounted under `register.` by src/app/i18n.
 */
export const registerJa = {
  title: '会員登録',
  intro: 'お客様にご記入いただいた内容を入力してください。オフラインでも登録でき、すぐにポイントを付与できます。',
  name: 'お名前（漢字）',
  namePlaceholder: '例: 山田 花子',
  nameKana: 'フリガナ',
  nameKanaPlaceholder: '例: ヤマダ ハナコ',
  phone: '電話番号',
  phonePlaceholder: '例: 090-1234-5678',
  email: 'メールアドレス（任意）',
  emailPlaceholder: '例: hanako@example.jp',
  consentTerms: '会員規約に同意する（必須）',
  consentMarketing: 'お得な情報をメール・DMで受け取る（任意）',
  submit: '登録してポイント画面へ',
  submitting: '登録しています…',
  problem: {
    required: '入力してください。',
    'too-long': '長すぎます（100文字まで）。',
    'not-kana': 'フリガナはカタカナかひらがなで入力してください。',
    'not-phone': '電話番号として読み取れません。番号を確かめてください。',
    'not-email': 'メールアドレスとして読み取れません（例: hanako@example.jp）。',
    'terms-required': '登録には会員規約への同意が必要です。',
  },
  failed: {
    'not-enrolled': 'この端末は登録されていません。設定から登録してください。',
    'storage-error': 'この端末に保存できませんでした。もう一度お試しください。',
  },
  provisionalNo: '番号は同期後に発行されます',
} as const;

export const registerEn: Widen<typeof registerJa> = {
  title: 'Register',
  intro: 'Enter what the customer wrote on the form. Registration works offline too, and the member can earn points at once.',
  name: 'Name (kanji)',
  namePlaceholder: 'e.g. 山田 花子',
  nameKana: 'Name in kana (フリガナ)',
  nameKanaPlaceholder: 'e.g. ヤマダ ハナコ',
  phone: 'Phone',
  phonePlaceholder: 'e.g. 090-1234-5678',
  email: 'E-mail (optional)',
  emailPlaceholder: 'e.g. hanako@example.jp',
  consentTerms: 'Agrees to the membership terms (required)',
  consentMarketing: 'Wants offers by e-mail and post (optional)',
  submit: 'Register and go to points',
  submitting: 'Registering…',
  problem: {
    required: 'Required.',
    'too-long': 'Too long (100 characters at most).',
    'not-kana': 'Write the name in katakana or hiragana.',
    'not-phone': 'This is not a phone number we can read. Check the number.',
    'not-email': 'This is not an e-mail address we can read (e.g. hanako@example.jp).',
    'terms-required': 'The member must agree to the terms to register.',
  },
  failed: {
    'not-enrolled': 'This tablet is not enrolled. Enrol it in Settings.',
    'storage-error': 'Could not save on this tablet. Please try again.',
  },
  provisionalNo: 'Number given after sync',
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
