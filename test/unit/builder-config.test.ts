import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { appId } from '../../main/app-identity';

const require = createRequire(import.meta.url);
// js-yaml is electron-builder's own YAML parser; it ships no types of its own.
const yaml = require('js-yaml') as { load(text: string): unknown };
const root = new URL('../../', import.meta.url);

const schema: unknown = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema as object);
const config = yaml.load(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, unknown>;

const targetsOf = (platform: unknown): string[] => {
  const target = (platform as { target?: unknown }).target;
  return Array.isArray(target) ? target.map(String) : [String(target)];
};

describe('electron-builder.yml', () => {
  it("fits electron-builder's own schema", () => {
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('would reject a wrong config, so the check above means something', () => {
    expect(validate({ ...config, appID: 'typo' })).toBe(false);
    expect(validate({ ...config, npmRebuild: 'no' })).toBe(false);
    expect(validate({ ...config, linux: { target: 42 } })).toBe(false);
  });

  it('names the app and packs only the build output', () => {
    expect(config).toMatchObject({ appId: 'com.aide.app', productName: 'Aide', npmRebuild: false });
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.directories).toMatchObject({ output: 'dist' });
  });

  it("unpacks keytar's native module from the asar", () => {
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
  });

  it('unpacks sharp and its libvips binaries (@img/*) from the asar, for attached pictures', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/sharp/**', '**/node_modules/@img/**']));
  });

  it('builds deb first (it brings the AppArmor profile Ubuntu 24.04+ needs), then AppImage, dmg and nsis', () => {
    expect(targetsOf(config.linux)).toEqual(['deb', 'AppImage']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(config.linux).toMatchObject({ category: 'Utility', maintainer: expect.stringContaining('@') });
    expect(config.mac).toMatchObject({ category: 'public.app-category.productivity', hardenedRuntime: true });
  });

  it('gives Windows, Linux and the installer one application ID (AppUserModelID, desktop entry, appId)', () => {
    const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { desktopName?: string };
    expect(config.appId).toBe(appId);
    // Wayland portals refuse global shortcuts to an app ID that is not reverse-DNS or has no entry.
    expect(packageJson.desktopName).toBe(`${appId}.desktop`);
    expect(packageJson.desktopName).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)+\.desktop$/);
    expect(config.linux).toMatchObject({ syncDesktopName: true });
    expect(validate({ ...config, linux: { ...(config.linux as object), syncDesktopName: 'yes' } })).toBe(false);
  });

  it('registers the aide:// scheme for the quick-ask deep link', () => {
    expect(config.protocols).toEqual([{ name: 'Aide', schemes: ['aide'] }]);
  });

  it('ships the tray icons where main looks for them (resources/tray)', () => {
    expect(config.extraResources).toEqual([{ from: 'build/tray', to: 'tray' }]);
    for (const name of ['trayTemplate.png', 'trayTemplate@2x.png', 'tray.png', 'tray@2x.png']) {
      const png = readFileSync(new URL(`build/tray/${name}`, root));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      // Width in the IHDR chunk: 16 px, and 32 px for the @2x (Retina / 200 %) variant.
      expect(png.readUInt32BE(16)).toBe(name.includes('@2x') ? 32 : 16);
    }
  });

  it('flips the security fuses in the packaged binary (SECURITY.md, Fuses)', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar and the integrity check mean nothing without an asar.
    expect(config.asar).not.toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNod: false } })).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNode: 'no' } })).toBe(false);
  });

  it("turns the fuses into @electron/fuses' wire the way electron-builder does when packaging", async () => {
    // Loading the package index first resolves app-builder-lib's circular imports.
    require('app-builder-lib');
    const { PlatformPackager } = require('app-builder-lib/out/platformPackager.js') as {
      PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } };
    };
    const { FuseV1Options, FuseVersion } = require('@electron/fuses') as typeof import('@electron/fuses');
    const wire = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    expect(wire).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('ships the icon it names', () => {
    const icon = readFileSync(new URL(String(config.icon), root));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
  });
});
