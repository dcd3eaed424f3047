/** Shows how far each language is: one live line per language on a terminal, plain log lines elsewhere. */
export interface Progress {
  update(lang: string, stage: string): void;
  /** Leaves the live lines as they are (final) and stops redrawing. */
  done(): void;
}

/**
 * On a terminal (and not in CI), one line per language that is redrawn in place with its stage and the time
 * since the build started; otherwise (a pipe, a log file, CI=true) one plain line per change, with no
 * cursor movements or colours.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Progress {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const live = stream.isTTY === true && !env.CI && env.TERM !== 'dumb';
  if (!live) {
    return {
      update: (lang, stage) => stream.write(`  ${lang.padEnd(5)} ${stage}  (${elapsed()})\n`),
      done: () => undefined,
    };
  }
  const lines = new Map<string, string>();
  let drawn = 0;
  const draw = () => {
    // Up to the first of our lines, then each line cleared and written again.
    let output = drawn > 0 ? `\x1b[${drawn}A` : '';
    for (const [lang, text] of lines) output += `\x1b[2K  ${lang.padEnd(5)} ${text}\n`;
    drawn = lines.size;
    stream.write(output);
  };
  const timer = setInterval(() => {
    for (const [lang, text] of lines) if (!text.includes('done')) lines.set(lang, text.replace(/\(\d+\.\d s\)$/, `(${elapsed()})`));
    draw();
  }, 250);
  timer.unref();
  return {
    update(lang, stage) {
      lines.set(lang, `${stage}  (${elapsed()})`);
      draw();
    },
    done() {
      clearInterval(timer);
      draw();
    },
  };
}
