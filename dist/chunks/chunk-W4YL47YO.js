import { createRequire as __slipwayCreateRequire } from 'node:module'; import { fileURLToPath as __slipwayFileURLToPath } from 'node:url'; import { dirname as __slipwayDirname } from 'node:path'; const require = __slipwayCreateRequire(import.meta.url); const __slipway_filename = __slipwayFileURLToPath(import.meta.url); const __slipway_dirname = __slipwayDirname(__slipway_filename);

// shared/warehouse/mutex.ts
var Mutex = class {
  tail = Promise.resolve();
  async lock() {
    let release;
    const next = new Promise((r) => release = r);
    const prev = this.tail;
    this.tail = prev.then(() => next);
    await prev;
    return release;
  }
  async run(fn) {
    const release = await this.lock();
    try {
      return await fn();
    } finally {
      release();
    }
  }
};

export {
  Mutex
};
