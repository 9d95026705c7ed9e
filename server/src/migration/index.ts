import { Foundation1732752000000 } from './1732752000000-foundation';
import { StockLedger1732838400000 } from './1732838400000-stock-ledger';

/** Every migration, in order. A new one is appended here. */
export const MIGRATIONS = [Foundation1732752000000, StockLedger1732838400000];
