import { JobRun, Notification } from './modules/notification/notification.entity';
import {
  InvoiceRequest,
  WorkOrder,
  WorkOrderEvent,
  WorkOrderFollowup,
  WorkOrderLabour,
  WorkOrderPart,
  WorkOrderSettlement,
  WorkOrderVisit,
} from './modules/work-order/work-order.entity';
import { AuditLog } from './modules/audit/audit.entity';
import { SecurityEvent } from './modules/audit/security-event.entity';
import { LoginAttempt, Session } from './modules/auth/auth.entity';
import { Customer, CustomerAddress, CustomerContact, Vehicle, VehicleModel } from './modules/customer/customer.entity';
import { Department, Employee, Warehouse, WarehouseKeeper } from './modules/org/org.entity';
import { IdempotencyKey } from './common/idempotency.entity';
import { DocumentApprover, Requisition, RequisitionLine } from './modules/requisition/requisition.entity';
import { StockReturn, StockReturnLine } from './modules/stock-return/stock-return.entity';
import { DocSequence, Location, StockBalance, StockMove } from './modules/stock/stock.entity';
import { Part, PartPrice, PartSynonym, PartVehicleModel, PriceLevel } from './modules/part/part.entity';
import { Inbound, InboundLine } from './modules/inbound/inbound.entity';
import { Stocktake, StocktakeCount, StocktakeLine } from './modules/stocktake/stocktake.entity';
import { Setting } from './modules/alerts/setting.entity';
import { Payment, PaymentRefund } from './modules/payment/payment.entity';
import {
  AttemptCounter,
  WechatBinding,
  WechatBindingCode,
  WechatOutbox,
  WechatSubscription,
  WechatTicket,
  WechatToken,
} from './modules/wechat/wechat.entity';

export const ENTITIES = [
  AuditLog,
  Session,
  LoginAttempt,
  Department,
  Employee,
  Warehouse,
  WarehouseKeeper,
  Customer,
  CustomerContact,
  CustomerAddress,
  VehicleModel,
  Vehicle,
  PriceLevel,
  Part,
  PartVehicleModel,
  PartPrice,
  PartSynonym,
  Location,
  StockMove,
  StockBalance,
  DocSequence,
  Requisition,
  RequisitionLine,
  DocumentApprover,
  StockReturn,
  StockReturnLine,
  IdempotencyKey,
  Inbound,
  InboundLine,
  Stocktake,
  StocktakeLine,
  StocktakeCount,
  Setting,
  WorkOrder,
  WorkOrderEvent,
  WorkOrderPart,
  WorkOrderLabour,
  WorkOrderFollowup,
  WorkOrderSettlement,
  WorkOrderVisit,
  Notification,
  InvoiceRequest,
  WechatBinding,
  WechatBindingCode,
  WechatTicket,
  AttemptCounter,
  WechatOutbox,
  WechatSubscription,
  WechatToken,
  JobRun,
  SecurityEvent,
  Payment,
  PaymentRefund,
];
