// Real files for the attachment tests, made here: a PDF written by hand (objects, xref table and
// trailer, as the PDF 1.4 reference lays them out) and pictures made with sharp, EXIF included.
import sharp from 'sharp';

/** A valid one-font PDF with one page per entry, each page showing its lines of text. */
export function makePdf(pages: string[][]): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  pages.forEach((lines, i) => {
    const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
    const shown = lines.map((line, n) => `BT /F1 12 Tf 72 ${720 - n * 18} Td (${escape(line)}) Tj ET`).join('\n');
    objects[pageIds[i]!] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${Buffer.byteLength(shown, 'latin1')} >>\nstream\n${shown}\nendstream`;
  });
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A camera-like JPEG: `width`×`height` of noise-free stripes, with EXIF naming the owner and a place. */
export async function makeJpegWithExif(width: number, height: number): Promise<Buffer> {
  return sharp(await stripes(width, height))
    .jpeg({ quality: 90 })
    .withMetadata({
      orientation: 1,
      exif: { IFD0: { Artist: 'Jane Owner', Copyright: 'Jane Owner 2026', Make: 'PhoneCam' } },
    })
    .toBuffer();
}

export async function makePng(width: number, height: number): Promise<Buffer> {
  return sharp(await stripes(width, height))
    .png()
    .toBuffer();
}

async function stripes(width: number, height: number): Promise<Buffer> {
  const row = Buffer.alloc(width * 3);
  for (let x = 0; x < width; x++) row.fill(x % 64 < 32 ? 200 : 40, x * 3, x * 3 + 3);
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) row.copy(raw, y * width * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
