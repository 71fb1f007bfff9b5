/**
 * The fonts the chart is drawn with. resvg draws no text at all without a font
 * (silently) and reads only TrueType/OpenType files from disk. DejaVu Sans Mono
 * (regular and bold) draws Latin text; UnifontEX, the one small npm font that
 * covers Chinese (3 MB, OFL), draws what DejaVu lacks. Both packages ship WOFF, so
 * each is unpacked to a plain TrueType file once, in a cache directory, and those
 * paths are handed to resvg.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/** The chart's fonts: npm module path of each WOFF, and the TrueType file it becomes (versioned, so an upgrade unpacks again). */
const FONTS = [
  { module: '@fontsource/dejavu-mono/files/dejavu-mono-latin-400-normal.woff', file: 'DejaVuSansMono-400-5.3.0.ttf' },
  { module: '@fontsource/dejavu-mono/files/dejavu-mono-latin-700-normal.woff', file: 'DejaVuSansMono-700-5.3.0.ttf' },
  { module: '@fontsource/unifontex/files/unifontex-latin-400-normal.woff', file: 'UnifontExMono-400-5.2.6.ttf' },
] as const;

const unpacked = new Map<string, Promise<string[]>>();

/**
 * Paths of the chart fonts as TrueType files, unpacked on first use into `cacheDir`
 * (default: the OS temp dir), and again if a temp cleaner removed them since: a
 * missing font would not fail, it would silently leave the chart without text.
 */
export async function chartFontFiles(cacheDir = join(tmpdir(), 'imc-bot-fonts')): Promise<string[]> {
  const pending = unpacked.get(cacheDir);
  const known = pending && (await pending.catch(() => undefined));
  if (known && known.every((path) => existsSync(path))) return known;
  const fresh = Promise.all(FONTS.map((font) => unpackFont(font.module, join(cacheDir, font.file))));
  unpacked.set(cacheDir, fresh);
  fresh.catch(() => unpacked.delete(cacheDir));
  return fresh;
}

async function unpackFont(module: string, target: string): Promise<string> {
  if (existsSync(target)) return target;
  const cacheDir = join(target, '..');
  const woff = await readFile(createRequire(import.meta.url).resolve(module));
  await mkdir(cacheDir, { recursive: true });
  // Another process may unpack at the same time: each writes its own temp file, the rename is atomic.
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, woffToSfnt(woff));
  await rename(temp, target);
  return target;
}

/**
 * WOFF 1.0 → the TrueType/OpenType file it wraps: each table inflated (zlib) when
 * compressed, then laid out again behind a fresh table directory, 4-byte aligned.
 * Throws on anything that is not a well-formed WOFF 1.0 file.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.length < 44 || woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  if (woff.length < 44 + count * 20) throw new Error('WOFF table directory is cut short');
  const tables = Array.from({ length: count }, (_, index) => {
    const at = 44 + index * 20;
    const tag = woff.toString('latin1', at, at + 4);
    const offset = woff.readUInt32BE(at + 4);
    const compressed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const checksum = woff.readUInt32BE(at + 16);
    if (offset + compressed > woff.length) throw new Error(`WOFF table ${tag} runs past the end of the file`);
    const raw = woff.subarray(offset, offset + compressed);
    const data = compressed < length ? inflateSync(raw) : raw;
    if (data.length !== length) throw new Error(`WOFF table ${tag} has ${data.length} bytes, expected ${length}`);
    return { tag, checksum, data };
  });
  let power = 1;
  while (power * 2 <= count) power *= 2;
  const header = Buffer.alloc(12 + count * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, index) => {
    const at = 12 + index * 16;
    header.write(table.tag, at, 'latin1');
    header.writeUInt32BE(table.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const padding = (4 - (table.data.length % 4)) % 4;
    bodies.push(table.data, Buffer.alloc(padding));
    offset += table.data.length + padding;
  });
  return Buffer.concat([header, ...bodies]);
}
