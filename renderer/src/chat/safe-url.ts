// Which link targets a model's answer may carry: the web and mail, never `javascript:`, `file:` or app-internal URLs.
const allowed = /^(?:https?:|mailto:)/i;

/** react-markdown's urlTransform: undefined drops the attribute. */
export function safeUrl(url: string): string | undefined {
  return allowed.test(url) ? url : undefined;
}
