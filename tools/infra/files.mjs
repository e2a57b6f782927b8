import { readFileSync, statSync } from 'node:fs';

/** The lines of `file` from byte `fromByte` on (from the start if the file has since been rotated). */
export function readLines(file, fromByte = 0) {
  try {
    const content = readFileSync(file);
    return content
      .subarray(fromByte <= content.length ? fromByte : 0)
      .toString('utf8')
      .split('\n');
  } catch {
    return [];
  }
}

export function fileSize(file) {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
