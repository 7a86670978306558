// Files cross to core in chunks of at most 512 KiB as base64 (a WebSocket frame is capped at
// 1 MiB), and come back the same way: the two conversions, without holding more than a chunk.
import { TRANSFER_CHUNK_BYTES } from '../../../common/conversation-transfer-contract';

export { TRANSFER_CHUNK_BYTES };

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a whole chunk's arguments would overflow the stack.
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The file's bytes from `offset`, one chunk. */
export async function chunkOf(file: Blob, offset: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(offset, offset + TRANSFER_CHUNK_BYTES).arrayBuffer());
}

/** Saves bytes as a download: a Blob behind an object URL and an <a download>. */
export function saveFile(parts: BlobPart[], filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking right after click can cancel the download in some engines; let it start first.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
