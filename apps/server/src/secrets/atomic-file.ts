/**
 * Files that hold secrets: written atomically (temporary file in the same directory, fsync,
 * rename, fsync of the directory) with mode 0600, and refused on read when group or others
 * have any access.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SecretsError } from './secrets-error.js';

export const SECRET_FILE_MODE = 0o600;

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw new SecretsError('KEY_FILE_UNREADABLE', 'stat failed');
  }
}

/** Reads a secret file; `null` when it does not exist; `KEY_FILE_INSECURE` unless mode is 0600 or stricter. */
export async function readSecretFile(path: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw new SecretsError('KEY_FILE_UNREADABLE', 'open failed');
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new SecretsError('KEY_FILE_UNREADABLE', 'not a regular file');
    if ((info.mode & 0o077) !== 0) throw new SecretsError('KEY_FILE_INSECURE', 'mode must be 0600');
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Replaces `path` with `content` atomically; the file is 0600 from its first byte. */
export async function writeSecretFileAtomic(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', SECRET_FILE_MODE);
  try {
    await handle.chmod(SECRET_FILE_MODE); // the umask cannot widen it, but be explicit
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
