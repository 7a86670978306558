// Pictures made ready for the model with sharp: turned upright, scaled to what a model reads at
// most (OpenAI's high detail: within 2048 px, then at most 768 px on the shortest side), and
// stripped of EXIF and other metadata (places, camera, owner), before they are stored at all.
import { readFile } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';

/** OpenAI's high-detail limits; larger pictures are scaled down by the API anyway, at our upload cost. */
export const MAX_LONG_SIDE = 2048;
export const MAX_SHORT_SIDE = 768;
const THUMBNAIL_SIDE = 320;

export interface PreparedImage {
  bytes: Buffer;
  type: string;
  thumbnail: Buffer;
}

/**
 * A picture for the model, re-encoded without metadata. GIFs become PNG (their first frame);
 * the rest keep their format. Throws on a file sharp cannot decode.
 */
export async function prepareImage(path: string, type: string): Promise<PreparedImage> {
  const input = sharp(path, { animated: false, failOn: 'error' });
  const { autoOrient } = await input.metadata();
  const { width, height } = autoOrient;
  const scale = Math.min(1, MAX_LONG_SIDE / Math.max(width, height), MAX_SHORT_SIDE / Math.min(width, height));
  // sharp writes no metadata unless asked (withMetadata/keepExif): the output carries none.
  const upright = input.clone().rotate();
  const resized = upright.resize({
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    fit: 'fill',
  });
  const [bytes, outType] = await encode(resized, type);
  const thumbnail = await input
    .clone()
    .rotate()
    .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer();
  return { bytes, type: outType, thumbnail };
}

async function encode(image: Sharp, type: string): Promise<[Buffer, string]> {
  if (type === 'image/jpeg') return [await image.jpeg({ quality: 85, mozjpeg: true }).toBuffer(), 'image/jpeg'];
  if (type === 'image/webp') return [await image.webp({ quality: 85 }).toBuffer(), 'image/webp'];
  return [await image.png().toBuffer(), 'image/png'];
}

/**
 * A picture from Aide's own export: kept byte for byte when it is already as Aide prepares them
 * (no metadata, upright, within the size limits), so the round trip gives the same file; anything
 * else is prepared again as a new picture would be.
 */
export async function prepareRestoredImage(path: string, type: string): Promise<PreparedImage> {
  const input = sharp(path, { animated: false, failOn: 'error' });
  const meta = await input.metadata();
  const { width, height } = meta;
  const prepared =
    ['image/png', 'image/jpeg', 'image/webp'].includes(type) &&
    !meta.exif &&
    !meta.icc &&
    !meta.iptc &&
    !meta.xmp &&
    (meta.orientation ?? 1) === 1 &&
    Math.max(width, height) <= MAX_LONG_SIDE &&
    Math.min(width, height) <= MAX_SHORT_SIDE;
  if (!prepared) return prepareImage(path, type);
  const thumbnail = await input
    .clone()
    .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer();
  return { bytes: await readFile(path), type, thumbnail };
}
