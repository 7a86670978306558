// Loaded with `node --require` into Electron's own installer (node_modules/electron/install.js)
// by scripts/electron-install.mjs; the installer itself runs unchanged.
// Node's fetch reports every network failure as "TypeError: fetch failed" and keeps the real
// cause (ECONNREFUSED, ENOTFOUND, a timeout, a certificate error) in `error.cause`, which the
// installer's `console.error(err.stack)` never prints. This puts the cause and the URL into the
// message, so `npm start` can say in one line why the download failed.
'use strict';

const originalFetch = globalThis.fetch;

/** @param {unknown} cause */
function describe(cause) {
  if (!cause || typeof cause !== 'object') return String(cause);
  const { message, code, errors } = /** @type {{ message?: string, code?: string, errors?: unknown[] }} */ (cause);
  if (message) return message;
  // Happy eyeballs (IPv4 and IPv6 both refused) gives an AggregateError with an empty message.
  if (Array.isArray(errors) && errors.length > 0) return describe(errors[0]);
  return code || String(cause);
}

if (typeof originalFetch === 'function') {
  globalThis.fetch = async function fetchNamingTheCause(input, init) {
    try {
      return await originalFetch(input, init);
    } catch (error) {
      if (error instanceof Error && error.cause) {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        error.message = `${error.message} (${describe(error.cause)}) for ${url}`;
        error.stack = `${error.name}: ${error.message}`;
      }
      throw error;
    }
  };
}
