// Whether a base URL is OpenAI's own service (which needs a key) rather than a local
// OpenAI-compatible server (Ollama, LM Studio, llama.cpp), which usually needs none.

export function isOpenAIHost(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'openai.com' || host.endsWith('.openai.com');
  } catch {
    return false;
  }
}
