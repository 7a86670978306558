// A file's size as a person reads it, the same in the window and in main's messages.

/** "20 MB", "512 KB", "80 bytes" (1 MB = 1,048,576 bytes, as file managers count). */
export function formatSize(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1)).toLocaleString('en')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024).toLocaleString('en')} KB`;
  return `${bytes} bytes`;
}
