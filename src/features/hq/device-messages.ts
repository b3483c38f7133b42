/**
 * #/hq/devices messages, Japanese first (the default; en must have the same
 * keys). Mounted under `hqDevices.` by src/app/i18n.
 */
export const hqDevicesJa = {
  title: '端末管理',
  intro: '店舗のタブレットを登録する1回限りのコードを発行し、登録済みの端末を確認します。紛失・盗難にあった端末は登録を取り消してください。取り消した端末は次にサーバーにつながったときにデータをすべて消去します。',
  reload: '再読み込み',
  loading: '読み込み中…',
  code: {
    title: '登録コードの発行',
    shop: '店舗',
    chooseShop: '店舗を選んでください',
    create: 'コードを発行',
    creating: '発行しています…',
    shown: '{{shop}} の登録コード',
    howTo: '新しいタブレットの登録画面でこのコードを入力してください。1回だけ使えます。',
    expiresAt: '有効期限: {{time}}',
    qrAlt: '登録コード {{code}} のQRコード',
  },
  list: {
    title: '登録済みの端末({{count}}台)',
    empty: 'まだ登録された端末はありません。',
    name: '端末名',
    shop: '店舗',
    enrolledAt: '登録日時',
    lastSeenAt: '最終通信',
    status: '状態',
    never: '—',
    active: '使用中',
    revokedAt: '取消済み({{time}})',
    revoke: '登録を取り消す',
    confirm: '「{{name}}」({{shop}})の登録を取り消しますか？この端末は次の通信でデータをすべて消去し、使えなくなります。未送信のポイントも失われます。',
    confirmYes: '取り消す',
    confirmNo: 'やめる',
  },
  notices: {
    revoked: '「{{name}}」の登録を取り消しました。',
  },
  errors: {
    network: 'サーバーにつながりません。通信を確認して、もう一度お試しください。',
    unauthorized: 'APIキーが正しくありません。キーを消して、入力し直してください。',
    other: '処理できませんでした（{{message}}）。',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const hqDevicesEn: Widen<typeof hqDevicesJa> = {
  title: 'Devices',
  intro: 'Make one-time codes to enrol shop tablets and see the enrolled ones. Revoke a tablet that was lost or stolen: it erases all its data the next time it reaches the server.',
  reload: 'Reload',
  loading: 'Loading…',
  code: {
    title: 'New enrolment code',
    shop: 'Shop',
    chooseShop: 'Choose a shop',
    create: 'Make a code',
    creating: 'Making the code…',
    shown: 'Enrolment code for {{shop}}',
    howTo: 'Type this code on the new tablet’s enrolment screen. It works once.',
    expiresAt: 'Valid until {{time}}',
    qrAlt: 'QR code of enrolment code {{code}}',
  },
  list: {
    title: 'Enrolled tablets ({{count}})',
    empty: 'No tablet is enrolled yet.',
    name: 'Name',
    shop: 'Shop',
    enrolledAt: 'Enrolled',
    lastSeenAt: 'Last seen',
    status: 'Status',
    never: '—',
    active: 'In use',
    revokedAt: 'Revoked ({{time}})',
    revoke: 'Revoke',
    confirm: 'Revoke “{{name}}” ({{shop}})? On its next contact it erases all its data and stops working. Points it has not sent are lost too.',
    confirmYes: 'Revoke',
    confirmNo: 'Cancel',
  },
  notices: {
    revoked: '“{{name}}” was revoked.',
  },
  errors: {
    network: 'Cannot reach the server. Check the connection and try again.',
    unauthorized: 'The API key is not valid. Forget it and enter it again.',
    other: 'Could not do that ({{message}}).',
  },
};
