// Saves text as a file the way a browser page can: a Blob behind an object URL and an <a download>.
export function downloadText(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
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
