import { basename } from 'node:path';
import type { Mdp } from './mdp.js';
import { parseMdp } from './parseMdp.js';
import { readJsonFile } from './readJsonFile.js';

/** Loads and validates an `mdp/v1` file. Errors are InputErrors naming the field (or the file). */
export function readMdpFile(path: string): Mdp {
  return parseMdp(readJsonFile(path, 'mdp file'), basename(path).replace(/\.json$/, ''));
}
