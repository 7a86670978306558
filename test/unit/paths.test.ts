import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirFromEnv, keychainService, resolveDataDir } from '../../main/core/paths';

describe('data folder and keychain service from the environment (the same in both entries)', () => {
  it('makes a relative AIDE_DATA_DIR absolute, so the desktop app and browser mode agree', () => {
    expect(dataDirFromEnv({ AIDE_DATA_DIR: 'relative/data' })).toBe(resolve('relative/data'));
    expect(resolveDataDir({ AIDE_DATA_DIR: 'relative/data' })).toBe(resolve('relative/data'));
  });

  it('treats a blank AIDE_DATA_DIR as not set', () => {
    expect(dataDirFromEnv({ AIDE_DATA_DIR: '   ' })).toBeNull();
    expect(dataDirFromEnv({})).toBeNull();
  });

  it('uses the Aide keychain entry unless AIDE_KEYCHAIN_SERVICE names another, blank or not', () => {
    expect(keychainService({})).toBe('Aide');
    expect(keychainService({ AIDE_KEYCHAIN_SERVICE: '' })).toBe('Aide');
    expect(keychainService({ AIDE_KEYCHAIN_SERVICE: '  ' })).toBe('Aide');
    expect(keychainService({ AIDE_KEYCHAIN_SERVICE: 'AideTest-1' })).toBe('AideTest-1');
  });
});
