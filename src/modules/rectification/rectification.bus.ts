import { rectificationBus as bus } from '../publishing/change-bus.js';

/** Announces that a task changed (after commit); subscribers reload it under their own permissions. */
export const rectificationBus = { emit: (id: number) => bus.emitChanged([id]), bus };
