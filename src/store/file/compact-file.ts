import { DataFile } from 'lowdb/node';

/**
 * A lowdb adapter writing `{"version":1,"<list>":[` then one item per line: about
 * 40 % smaller than JSONFile's indented output for these machine-written files
 * (index and events are rewritten whole), yet still readable and diffable.
 */
export function compactFile<T extends { version: number }>(path: string, list: keyof T & string): DataFile<T> {
  return new DataFile<T>(path, {
    parse: (text) => JSON.parse(text) as T,
    stringify: (data) => {
      const items = data[list] as unknown[];
      const body = items.map((item) => JSON.stringify(item)).join(',\n');
      return `{"version":${data.version},${JSON.stringify(list)}:[\n${body}\n]}\n`;
    },
  });
}

