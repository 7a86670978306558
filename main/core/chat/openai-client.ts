// Builds the openai SDK client for the current settings. OpenAI itself needs a key; local
// OpenAI-compatible servers (Ollama, LM Studio, llama.cpp) usually do not.
import OpenAI from 'openai';
import { quotaAwareFetch } from './quota-aware-fetch';

export { isOpenAIHost } from '../../../common/openai-host';

export function createClient(options: {
  baseUrl: string;
  apiKey: string | null;
  maxRetries: number;
  fetch?: typeof fetch;
}): OpenAI {
  return new OpenAI({
    baseURL: options.baseUrl,
    // The SDK refuses to start without a key; local servers ignore this placeholder.
    apiKey: options.apiKey ?? 'no-key',
    maxRetries: options.maxRetries,
    timeout: 120_000,
    fetch: quotaAwareFetch(options.fetch ?? fetch),
  });
}
