import { Foundation1732752000000 } from './1732752000000-foundation';
import { StockLedger1732838400000 } from './1732838400000-stock-ledger';
import { RequisitionsReturns1732881600000 } from './1732881600000-requisitions-returns';
import { InboundStocktake1732924800000 } from './1732924800000-inbound-stocktake';
import { WorkOrders1733011200000 } from './1733011200000-work-orders';
import { WechatLogin1733097600000 } from './1733097600000-wechat-login';
import { WechatMessages1733184000000 } from './1733184000000-wechat-messages';
import { IdempotencyExpiry1733270400000 } from './1733270400000-idempotency-expiry';
import { SignDisputes1733270500000 } from './1733270500000-sign-disputes';
import { CountHistoryReturnVariance1733270700000 } from './1733270700000-count-history-return-variance';
import { PerVisitSettlements1733270600000 } from './1733270600000-per-visit-settlements';
import { FirstRunPasswords1733270800000 } from './1733270800000-first-run-passwords';
import { PartWords1733270900000 } from './1733270900000-PartWords';
import { WorkOrderVisits1733271000000 } from './1733271000000-WorkOrderVisits';
import { Payments1733271100000 } from './1733271100000-Payments';

/** Every migration, in order. A new one is appended here. */
export const MIGRATIONS = [
  Foundation1732752000000,
  StockLedger1732838400000,
  RequisitionsReturns1732881600000,
  InboundStocktake1732924800000,
  WorkOrders1733011200000,
  WechatLogin1733097600000,
  WechatMessages1733184000000,
  IdempotencyExpiry1733270400000,
  SignDisputes1733270500000,
  PerVisitSettlements1733270600000,
  CountHistoryReturnVariance1733270700000,
  FirstRunPasswords1733270800000,
  PartWords1733270900000,
  WorkOrderVisits1733271000000,
  Payments1733271100000,
];
