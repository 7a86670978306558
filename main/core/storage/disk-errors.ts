// A failed read or write of the data folder in words for the person: what happened and what to
// do, without the file's path or the system's error text (both stay in the log).

const SENTENCES: Record<string, string> = {
  ENOSPC: 'The disk is full, so Aide could not save. Free some space and try again.',
  EDQUOT: 'Your disk quota is used up, so Aide could not save. Free some space and try again.',
  EACCES: 'Aide is not allowed to change a file in its data folder. Check the folder’s permissions and try again.',
  EPERM: 'Aide is not allowed to change a file in its data folder. Check the folder’s permissions and try again.',
  EROFS: 'Aide’s data folder is on a read-only disk, so nothing can be saved there.',
  EISDIR: 'A folder is in the way of one of Aide’s files in its data folder. Move it aside and try again.',
  ENOTDIR: 'A file is in the way of one of Aide’s folders in its data folder. Move it aside and try again.',
  ENOENT: 'A file Aide needs in its data folder is missing. Try again; if it keeps happening, restart Aide.',
  EMFILE: 'Too many files are open on this computer. Close some programs and try again.',
  ENFILE: 'Too many files are open on this computer. Close some programs and try again.',
  EIO: 'The disk reported an error while Aide read or wrote its data. Check the disk and try again.',
};

/** A data-folder failure, already worded for the person; `code` (ENOSPC, EACCES…) is for the log. */
export class DiskError extends Error {
  override name = 'DiskError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The person's sentence for a Node file-system error, or null when `error` is not one. */
export function diskErrorOf(error: unknown): DiskError | null {
  if (!(error instanceof Error)) return null;
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof syscall !== 'string') return null;
  const sentence = SENTENCES[code] ?? `Aide could not read or write its data folder (${code}). Try again.`;
  return new DiskError(sentence, code);
}
