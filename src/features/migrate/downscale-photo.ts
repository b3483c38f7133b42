/** Longest side of the kept photo: the card's printed balance stays legible, the data URL stays ~20–60 kB. */
const MAX_SIDE = 640;
const JPEG_QUALITY = 0.7;

/**
 * A camera photo (several MB) as a small JPEG data URL, drawn through a
 * canvas. Kept on the tablet with the migration record; the original is
 * never stored.
 */
export async function downscalePhoto(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', JPEG_QUALITY);
  } finally {
    bitmap.close();
  }
}
