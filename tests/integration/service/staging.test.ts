/**
 * Files sent ahead of an import that no import takes (an upload that failed part-way, a
 * volume whose Replace-or-Update question was never answered) go once they have waited
 * too long, checked when the next file is sent or the next import starts; files an
 * import is reading stay however long it takes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportStaging } from '../../../electron/service/staging.ts';
import { tempDir } from './helpers.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('staged files no import takes', () => {
  it('go after the bound, at the next file sent or import begun; a file an import reads stays', async () => {
    const tmp = tempDir();
    let clock = 0;
    const staging = new ImportStaging({ maxIdleMs: 1000, now: () => clock, parent: tmp.dir });
    const onDisk = () => readdirSync(tmp.dir).flatMap((d) => readdirSync(join(tmp.dir, d))).length;
    try {
      const left = await staging.stage('left.png', b64('a page whose batch failed'));
      const read = await staging.stage('read.xml', b64('<TEI/>'));
      expect(onDisk()).toBe(2);

      // An import reads one of them, for longer than the bound.
      const release = await staging.hold([read]);
      clock = 1500;
      // Within the bound nothing goes; past it, the next file sent takes the one left over.
      const next = await staging.stage('next.png', b64('the next batch'));
      expect(onDisk()).toBe(2);
      expect(() => staging.file('left.png', left)).toThrow(/no longer waiting/);
      expect((await staging.file('read.xml', read).bytes()).toString()).toBe('<TEI/>');

      // Let go (the import waits for a choice): it has the bound again from then.
      release();
      clock = 2400;
      const again = await staging.hold([]);
      again();
      expect((await staging.file('read.xml', read).bytes()).toString()).toBe('<TEI/>');
      clock = 2600;
      // An import beginning takes what waited too long.
      (await staging.hold([]))();
      expect(() => staging.file('read.xml', read)).toThrow(/no longer waiting/);
      expect(() => staging.file('next.png', next)).toThrow(/no longer waiting/);
      expect(onDisk()).toBe(0);
    } finally {
      staging.close();
      tmp.cleanup();
    }
  });
});

describe('a staged file', () => {
  it('is written byte for byte as sent, with the SHA-256 of those bytes, however its base64 is laid out', async () => {
    const tmp = tempDir();
    const staging = new ImportStaging({ parent: tmp.dir });
    try {
      // 3 MB: four base64 characters in each of several chunks, and a tail of two bytes (padding).
      const bytes = randomBytes(3 * 1024 * 1024 + 2);
      const base64 = bytes.toString('base64');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const sent = {
        plain: base64,
        // As a mail or a PEM file lays it out: the decoder skips the line breaks.
        'in lines': base64.replace(/.{76}/g, '$&\r\n'),
        'one byte': Buffer.from([0xff]).toString('base64'),
        empty: '',
      };
      for (const [layout, text] of Object.entries(sent)) {
        const expected = layout === 'one byte' ? Buffer.from([0xff]) : layout === 'empty' ? Buffer.alloc(0) : bytes;
        const file = staging.file(`${layout}.tif`, await staging.stage(`${layout}.tif`, text));
        expect((await file.bytes()).equals(expected), layout).toBe(true);
        expect(file.size, layout).toBe(expected.length);
        expect(file.sha256, layout).toBe(createHash('sha256').update(expected).digest('hex'));
      }
      expect(staging.file('plain.tif', await staging.stage('plain.tif', base64)).sha256).toBe(sha256);
    } finally {
      staging.close();
      tmp.cleanup();
    }
  });
});
