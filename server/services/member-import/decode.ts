import iconv from 'iconv-lite';
import type { ImportEncoding } from '../../../src/protocol/index.ts';

const BOM = [0xef, 0xbb, 0xbf];

export interface DecodedFile {
  text: string;
  encoding: ImportEncoding;
}

/**
 * Excel on Japanese Windows saves "CSV" as Shift_JIS (really CP932, with
 * NEC/IBM extensions such as ①, ㈱ and 髙), "CSV UTF-8" with a BOM; other tools
 * write UTF-8 without one. A BOM settles it. Otherwise the bytes are tried as
 * strict UTF-8: CP932 text with any kana or kanji is almost never valid UTF-8
 * (its lead bytes 0x81–0x9F are UTF-8 continuation bytes), while an all-ASCII
 * file reads the same either way. Only then CP932.
 */
export function decodeCsv(bytes: Uint8Array): DecodedFile {
  if (BOM.every((b, i) => bytes[i] === b)) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(BOM.length)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp932'), encoding: 'cp932' };
  }
}
