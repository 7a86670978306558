// Exports come back from core in chunks of at most 512 KiB as base64 (a WebSocket frame is capped
// at 1 MiB): decoding a chunk, and saving the parts (or any export) as one downloaded file.

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
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
