import { Foundation1732752000000 } from './1732752000000-foundation';

/** Every migration, in order. A new one is appended here. */
export const MIGRATIONS = [Foundation1732752000000];
