/**
 * This feature's messages, Japanese first (the default; en must have the same
 * keys). Mounted under `card.` by src/app/i18n.
 */
export const cardJa = {
  title: '会員証',
  intro: 'お店でもらったペアリングコードを入力すると、このスマートフォンが会員証になります。',
  pairCode: 'ペアリングコード',
  pairSubmit: '会員証を登録する',
  pairing: '登録しています…',
  codeRequired: 'ペアリングコードを入力してください。',
  offline: 'ネットワークにつながっていません。登録にはネットワークが必要です（登録後はオフラインでも使えます）。',
  unreachable: 'サーバーにつながりません。しばらくしてからもう一度お試しください。',
  unsupported: 'このブラウザーは会員証に必要な機能（暗号・保存）に対応していません。',
  storageError: 'このスマートフォンに会員証を保存できませんでした。ブラウザーの設定（プライベートモードなど）を確かめてください。',
  memberNo: '会員番号',
  showAtCounter: 'お会計のときにこのQRをレジで読み取ってもらってください。',
  rotates: 'QRは{{seconds}}秒ごとに新しくなります（あと{{left}}秒）。画面の写真は使えません。',
  repair: '別の会員証を登録する',
  // At the counter (tablet).
  pairButton: 'スマートフォンを会員証にする',
  pairNeedsNetwork: 'スマートフォンの登録にはネットワークが必要です。',
  pairTitle: 'お客様のスマートフォンで読み取ってください',
  pairExpires: '{{time}}まで有効・1回のみ',
  pairClose: '閉じる',
  pairFailed: 'ペアリングコードを発行できませんでした。',
  redeemNeedsSigned: 'ポイント利用には会員アプリのQRを読み取ってください。',
} as const;

export const cardEn: Widen<typeof cardJa> = {
  title: 'Member card',
  intro: 'Enter the pairing code the shop gave you and this phone becomes your member card.',
  pairCode: 'Pairing code',
  pairSubmit: 'Register the card',
  pairing: 'Registering…',
  codeRequired: 'Enter the pairing code.',
  offline: 'No network. Registering needs the network (afterwards the card works offline).',
  unreachable: 'Cannot reach the server. Please try again in a moment.',
  unsupported: 'This browser lacks what the member card needs (cryptography, storage).',
  storageError: 'The card could not be saved on this phone. Check the browser settings (private mode, for instance).',
  memberNo: 'Member no.',
  showAtCounter: 'At the checkout, let the clerk scan this QR code.',
  rotates: 'The QR code changes every {{seconds}} s ({{left}} s left). A photo of the screen will not work.',
  repair: 'Register another card',
  pairButton: "Make the member's phone their card",
  pairNeedsNetwork: 'Pairing a phone needs the network.',
  pairTitle: "Scan this with the member's phone",
  pairExpires: 'Valid until {{time}}, once',
  pairClose: 'Close',
  pairFailed: 'Could not get a pairing code.',
  redeemNeedsSigned: "To redeem points, scan the QR code in the member's app.",
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
