/**
 * The demo chain's assortment: apparel, shoes and goods, the way a Japanese
 * store master writes them (katakana colour names, "25.0cm" shoe sizes,
 * prices ending in 90 or 80 as shelf labels do). A style is sold in
 * colour × size variants, each with its own JAN: that is what floor staff
 * look up when a customer asks "do you have this in navy, 26.0?".
 */

export interface StyleTemplate {
  /** Style code prefix: SN sneakers, TP tops, BT bottoms, GD goods… */
  code: string;
  name: string;
  kana: string;
  sizes: readonly string[];
  colours: readonly string[];
  pricesYen: readonly number[];
}

const halfSizes = (from: number, to: number): string[] => {
  const sizes: string[] = [];
  for (let size = from; size <= to; size += 0.5) sizes.push(`${size.toFixed(1)}cm`);
  return sizes;
};

const MENS_SHOES = halfSizes(24.5, 28);
const WOMENS_SHOES = halfSizes(22, 25);
const UNISEX_SHOES = halfSizes(23, 28);
const APPAREL = ['S', 'M', 'L', 'XL'];
const WOMENS_APPAREL = ['XS', 'S', 'M', 'L'];
const SOCKS = ['23-25cm', '25-27cm'];
/** One size (フリー): the size is left out of the product name. */
export const FREE_SIZE = 'F';
const FREE = [FREE_SIZE];

const BASICS = ['ホワイト', 'ブラック', 'ネイビー', 'グレー', 'ベージュ'];
const EARTH = ['ベージュ', 'カーキ', 'ブラウン', 'オリーブ', 'ブラック', 'アイボリー'];
const BRIGHT = ['レッド', 'ブルー', 'イエロー', 'グリーン', 'ピンク', 'ネイビー'];
const DARK = ['ブラック', 'ネイビー', 'チャコール', 'ブラウン'];

type Row = readonly [code: string, name: string, kana: string, sizes: readonly string[], colours: readonly string[], prices: readonly number[]];

const ROWS: readonly Row[] = [
  ['SN', 'ランニングスニーカー', 'ランニングスニーカー', UNISEX_SHOES, BRIGHT, [5990, 6990, 7990, 8990]],
  ['SN', 'キャンバススニーカー', 'キャンバススニーカー', UNISEX_SHOES, BASICS, [3990, 4990, 5990]],
  ['SN', 'レザースニーカー', 'レザースニーカー', MENS_SHOES, DARK, [9900, 12900, 14900]],
  ['SN', 'スリッポン', 'スリッポン', UNISEX_SHOES, BASICS, [3990, 4990]],
  ['SH', '本革ローファー', 'ホンガワローファー', MENS_SHOES, DARK, [12900, 15800, 19800]],
  ['SH', '撥水レインブーツ', 'ハッスイレインブーツ', UNISEX_SHOES, EARTH, [4990, 5990]],
  ['SH', 'トレッキングシューズ', 'トレッキングシューズ', MENS_SHOES, EARTH, [9900, 12900]],
  ['SH', 'ポインテッドパンプス', 'ポインテッドパンプス', WOMENS_SHOES, DARK, [5990, 7990]],
  ['SH', 'バレエシューズ', 'バレエシューズ', WOMENS_SHOES, BASICS, [3990, 4990]],
  ['SH', 'ストラップサンダル', 'ストラップサンダル', WOMENS_SHOES, EARTH, [2990, 3990]],
  ['TP', 'クルーネックTシャツ', 'クルーネックティーシャツ', APPAREL, BASICS, [990, 1490, 1990]],
  ['TP', '天竺ポケットTシャツ', 'テンジクポケットティーシャツ', APPAREL, BRIGHT, [1490, 1990]],
  ['TP', 'オックスフォードシャツ', 'オックスフォードシャツ', APPAREL, BASICS, [2990, 3990]],
  ['TP', '綿麻シャツ', 'メンアサシャツ', APPAREL, EARTH, [2990, 3490]],
  ['TP', 'スウェットパーカー', 'スウェットパーカー', APPAREL, BASICS, [3990, 4990]],
  ['TP', 'ケーブルニットセーター', 'ケーブルニットセーター', WOMENS_APPAREL, EARTH, [4990, 5990]],
  ['TP', 'とろみブラウス', 'トロミブラウス', WOMENS_APPAREL, BASICS, [2990, 3990]],
  ['OT', 'フリースジャケット', 'フリースジャケット', APPAREL, EARTH, [2990, 3990]],
  ['OT', 'デニムジャケット', 'デニムジャケット', APPAREL, ['ブルー', 'ブラック', 'ホワイト'], [5990, 6990]],
  ['OT', '撥水トレンチコート', 'ハッスイトレンチコート', WOMENS_APPAREL, EARTH, [12900, 15800, 19800]],
  ['OT', 'ライトダウンジャケット', 'ライトダウンジャケット', APPAREL, DARK, [5990, 7990]],
  ['OT', 'ウールブレンドコート', 'ウールブレンドコート', APPAREL, DARK, [14900, 19800]],
  ['BT', 'ストレッチチノパンツ', 'ストレッチチノパンツ', APPAREL, EARTH, [3990, 4990]],
  ['BT', 'ワイドデニムパンツ', 'ワイドデニムパンツ', WOMENS_APPAREL, ['ブルー', 'ブラック', 'アイボリー'], [4990, 5990]],
  ['BT', 'スウェットパンツ', 'スウェットパンツ', APPAREL, BASICS, [2990, 3490]],
  ['BT', 'プリーツスカート', 'プリーツスカート', WOMENS_APPAREL, DARK, [3990, 4990]],
  ['GD', 'キャンバストートバッグ', 'キャンバストートバッグ', FREE, BASICS, [1990, 2990]],
  ['GD', 'ナイロンリュックサック', 'ナイロンリュックサック', FREE, DARK, [3990, 4990, 5990]],
  ['GD', '本革長財布', 'ホンガワナガザイフ', FREE, DARK, [7990, 9900]],
  ['GD', '折りたたみ傘', 'オリタタミガサ', FREE, [...BASICS, 'ピンク'], [1990, 2490]],
  ['GD', 'ウールマフラー', 'ウールマフラー', FREE, EARTH, [2990, 3990]],
  ['GD', 'ベースボールキャップ', 'ベースボールキャップ', FREE, BASICS, [1990, 2490]],
  ['GD', 'ニットキャップ', 'ニットキャップ', FREE, EARTH, [1490, 1990]],
  ['GD', '今治タオルハンカチ', 'イマバリタオルハンカチ', FREE, BRIGHT, [990, 1280]],
  ['GD', 'レザーベルト', 'レザーベルト', ['85cm', '95cm'], DARK, [2990, 3990]],
  ['SK', 'スニーカーソックス 3足組', 'スニーカーソックス サンゾクグミ', SOCKS, BASICS, [990, 1290]],
  ['SK', 'リブソックス', 'リブソックス', SOCKS, [...BASICS, ...BRIGHT], [990]],
];

export const STYLE_TEMPLATES: readonly StyleTemplate[] = ROWS.map(([code, name, kana, sizes, colours, pricesYen]) => ({
  code,
  name,
  kana,
  sizes,
  colours,
  pricesYen,
}));

/** When the assortment needs more styles than there are templates: a second line of the same item. */
export const SECOND_LINE = { name: 'プレミアム', kana: 'プレミアム', priceFactor: 1.5 } as const;
