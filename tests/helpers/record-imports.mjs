// Loaded with `node --import` into a command line started by a test: writes the address of every module that
// the process imports (ES modules: the command line's bundle and its packages), and of the module importing it,
// a line each, to the file $RECORD_IMPORTS.
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url, { data: { file: process.env.RECORD_IMPORTS } });
