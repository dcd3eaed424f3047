import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/**
 * Calls `onChange` for every change under `folders`: a file written in place or replaced (saved through a
 * temporary file and renamed, as many editors and `git checkout` do), added or deleted, in any subfolder.
 * Each folder is watched itself, not each file: Node 20's recursive watch on Linux watches files one by one
 * and loses a file that is replaced (seen: the preview rebuilt after the first such save and never again).
 * Subfolders are watched as they appear and let go as they go.
 */
export function watchFolders(folders: readonly string[], onChange: () => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  const forget = (folder: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched !== folder && !watched.startsWith(`${folder}${path.sep}`)) continue;
      watcher.close();
      watchers.delete(watched);
    }
  };
  const add = (folder: string) => {
    if (watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => {
        const changed = name ? path.join(folder, String(name)) : folder;
        if (isFolder(changed)) add(changed);
        else if (!existsSync(changed)) forget(changed);
        onChange();
      });
    } catch {
      return; // gone before it could be watched
    }
    watcher.on('error', () => forget(folder));
    watchers.set(folder, watcher);
    for (const entry of entriesOf(folder)) if (entry.isDirectory()) add(path.join(folder, entry.name));
  };
  for (const folder of folders) add(path.resolve(folder));
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function entriesOf(folder: string) {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}
