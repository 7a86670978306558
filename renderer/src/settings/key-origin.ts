// Words for where the API key lives, so the user knows what to change and where.
import type { KeyStatus } from '../../../common/contract';

const origins: Record<KeyStatus['source'], string> = {
  keychain: 'the system keychain',
  environment: 'the environment variable OPENAI_API_KEY',
  'encrypted-file': 'an encrypted file in Aide’s data folder',
  none: 'nowhere',
};

export const keyOrigin = (source: KeyStatus['source']): string => origins[source];

export const formatSavedAt = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
