/**
 * Small JSON data files of the file store (index, events, settings, installations):
 * read and checked with a schema; a damaged one refuses to open, named and untouched.
 */
import { TextFile } from 'lowdb/node';
import type { z } from 'zod';
import { StoreError } from '../store-error.js';
import { issueFields } from './plan-journal.js';

/** Reads and validates a JSON data file; undefined when absent; STORE_CORRUPT (file untouched) when damaged. */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>, remedy: string): Promise<T | undefined> {
  const text = await new TextFile(path).read();
  if (text === null) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = text.trim() === '' ? 'it is empty' : (error as Error).message;
    throw corrupt(path, `is not valid JSON, perhaps half-written (${reason})`, remedy);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw corrupt(path, `is not in the expected format (check ${issueFields(result.error)})`, remedy);
  return result.data;
}

export function corrupt(path: string, problem: string, remedy: string): StoreError {
  return new StoreError(
    `The plan store cannot use ${path}: it ${problem}. The file was left untouched. ${remedy}`,
    'STORE_CORRUPT',
    { path },
  );
}

