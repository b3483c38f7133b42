/**
 * The tablet's own safety messages (issue 6): revocation, the offline lease
 * lock, persistent storage. Japanese first (the default; en must have the
 * same keys). Mounted under `device.` by src/app/i18n.
 */
export const deviceJa = {
  revoked: {
    title: 'この端末の登録は取り消されました',
    body: '店長または本部がこの端末の登録を取り消したため、端末内の会員・ポイントのデータをすべて消去しました。引き続き使う場合は、店長に新しい登録コードを発行してもらい、もう一度登録してください。',
  },
  lock: {
    title: 'この端末はロックされています',
    body: 'サーバーと{{hours}}時間以上通信していないため、会員とポイントの画面をロックしました。ネットワークにつなぐと、同期が終わりしだい自動でロックが解除されます。',
    lastContact: '最後にサーバーと通信した日時: {{time}}',
    never: 'この端末はまだサーバーと通信していません。',
    help: 'Wi-Fiにつないでも解除されない場合は、店長に連絡してください。',
    label: 'オフラインで使える期間',
    value: '最後の通信から{{hours}}時間',
  },
  storage: {
    label: 'データの保護',
    checking: '確認しています…',
    granted: '保護されています',
    refused: '保護されていません',
    unsupported: 'このブラウザーでは確認できません',
    refusedHelp:
      'ブラウザーが端末の空き容量が少ないときにこのアプリのデータを消す可能性があります。未送信のポイントが消えないよう、こまめにネットワークにつないで同期してください。ホーム画面に追加すると保護されやすくなります。',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const deviceEn: Widen<typeof deviceJa> = {
  revoked: {
    title: 'This tablet’s enrolment was revoked',
    body: 'A manager or head office revoked this tablet, so all member and points data on it has been erased. To use it again, ask your manager for a new enrolment code and enrol it again.',
  },
  lock: {
    title: 'This tablet is locked',
    body: 'It has not reached the server for more than {{hours}} hours, so the member and points screens are locked. Connect to the network: the lock lifts by itself as soon as a sync succeeds.',
    lastContact: 'Last contact with the server: {{time}}',
    never: 'This tablet has not reached the server yet.',
    help: 'If connecting to Wi-Fi does not unlock it, call your manager.',
    label: 'Offline lease',
    value: '{{hours}} hours after the last contact',
  },
  storage: {
    label: 'Data protection',
    checking: 'Checking…',
    granted: 'Protected',
    refused: 'Not protected',
    unsupported: 'This browser cannot tell',
    refusedHelp:
      'The browser may erase this app’s data when the tablet runs short of space. Connect to the network often so unsent points are synced. Adding the app to the home screen makes protection more likely.',
  },
};
