// Whether to welcome the user with the first-run card: no key anywhere, nothing wrong with the
// keychain (that has its own message), and OpenAI as the server (a local model needs no key).
import type { Settings } from '../../../common/contract';
import { isOpenAIHost } from '../../../common/openai-host';

export function needsKey(settings: Settings | null): boolean {
  if (!settings) return false;
  const { key } = settings;
  return !key.present && key.source === 'none' && key.problem === null && isOpenAIHost(settings.baseUrl);
}
