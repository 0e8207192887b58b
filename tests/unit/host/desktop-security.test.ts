/**
 * The desktop app's two gates to the outside, as main.ts uses them: which links may
 * open in the user's browser, and where an edition export may write (the save
 * dialog's answer, never the page's path).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withChosenPath } from '../../../electron/host/export-dialog.ts';
import { isAllowedExternalUrl } from '../../../electron/host/policy.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('links opened in the browser', () => {
  it('opens https addresses of the authority files', () => {
    for (const url of [
      'https://viaf.org/viaf/102333412/',
      'https://www.wikidata.org/wiki/Q312549',
      'https://www.geonames.org/1850147/tokyo.html',
      'https://id.loc.gov/authorities/names/n79021164.html',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses other sites, other schemes, look-alike hosts, credentials and ports', () => {
    for (const url of [
      'http://viaf.org/viaf/102333412/',
      'https://evil.example/',
      'https://viaf.org.evil.example/',
      'https://evil.example/?https://viaf.org/',
      'https://user:pass@viaf.org/',
      'https://viaf.org:8443/',
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('is what main.ts checks before shell.openExternal, and the only call of it', () => {
    const main = readFileSync(join(root, 'electron/main.ts'), 'utf8');
    expect(main.match(/shell\.openExternal\(/g)).toHaveLength(1);
    expect(main).toMatch(/if \(isAllowedExternalUrl\(url\)\) void shell\.openExternal\(url\)/);
  });
});

describe('an edition export in the desktop app', () => {
  it('writes to the path the save dialog returned, not the one the page sent', async () => {
    const asked: unknown[] = [];
    const args = await withChosenPath({ all: true, format: 'pdf', outPath: '/home/u/.bashrc' }, async (r) => {
      asked.push(r);
      return '/home/u/Documents/edition';
    });
    expect(asked).toEqual([{ format: 'pdf', suggested: '/home/u/.bashrc' }]);
    expect(args).toEqual({ all: true, format: 'pdf', outPath: '/home/u/Documents/edition.pdf' });
  });

  it('keeps a chosen extension and writes nothing when the dialog is cancelled', async () => {
    expect((await withChosenPath({ all: true, format: 'latex' }, async () => '/d/e.TEX'))['outPath']).toBe('/d/e.TEX');
    await expect(withChosenPath({ all: true, format: 'html', outPath: '/x' }, async () => null)).rejects.toThrow(
      /The export was cancelled, so nothing was written/,
    );
    await expect(withChosenPath({ all: true, format: 'docx' }, async () => '/d/e')).rejects.toThrow(/"format"/);
  });

  it('is how main.ts handles exportEdition', () => {
    const main = readFileSync(join(root, 'electron/main.ts'), 'utf8');
    expect(main).toMatch(/method === 'exportEdition'\s*\? withChosenPath\(args, askSavePath\)/);
  });
});

describe('the packaged app', () => {
  it('has its Electron fuses set: no run-as-Node, encrypted cookies, only the checked app.asar', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      build: { asar: boolean; electronFuses: Record<string, boolean> };
    };
    expect(pkg.build.asar).toBe(true);
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('starts its service as a utility process, which works with the runAsNode fuse off', () => {
    const main = readFileSync(join(root, 'electron/main.ts'), 'utf8');
    expect(main).toContain('utilityProcess.fork(');
    expect(main).not.toMatch(/child_process|ELECTRON_RUN_AS_NODE/);
  });
});
