// Catches what the page hands the browser to download (an object URL clicked through an anchor),
// so a test can read the file a person would get.
import { vi } from 'vitest';

export interface Downloads {
  /** The anchors clicked, with their file names (`download`) and URLs. */
  clicked: HTMLAnchorElement[];
  /** The files behind the object URLs, in order. */
  blobs: Blob[];
  /** Whether the page let go of the URL afterwards. */
  revoked(url: string): boolean;
}

/** Every object URL is `url`; restore with vi.restoreAllMocks(). */
export function catchDownloads(url: string): Downloads {
  const blobs: Blob[] = [];
  const clicked: HTMLAnchorElement[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return url;
  });
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });
  return { clicked, blobs, revoked: (revokedUrl) => revoke.mock.calls.some(([u]) => u === revokedUrl) };
}
