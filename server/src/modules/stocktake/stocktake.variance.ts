import { type EntityManager, In } from 'typeorm';
import type { VarianceLine, VarianceReport } from '@hongyuan/shared';
import type { Actor } from '../../common/actor';
import { DomainError } from '../../common/errors';
import { Warehouse } from '../org/org.entity';
import { Part } from '../part/part.entity';
import { canSeeCost } from '../part/part.service';
import { Location, StockBalance } from '../stock/stock.entity';
import { Stocktake, StocktakeLine } from './stocktake.entity';
import { movesDuringCount } from './stocktake.moved';
import { bookVisible } from './stocktake.views';

/**
 * 盘点差异表: book, counted, difference and its value at cost price (the price frozen at
 * approval, today's cost price before). currentQty shows where stock moved during the count,
 * which the approver should look at before approving.
 */
export async function varianceReport(m: EntityManager, st: Stocktake, actor: Actor): Promise<VarianceReport> {
  if (!bookVisible(st, actor)) throw new DomainError('FORBIDDEN', '盲盘进行中：审核前只有库管和管理员可以查看账面数量和差异');
  const showCost = canSeeCost(actor);
  const [lines, warehouse, loc] = await Promise.all([
    m.find(StocktakeLine, { where: { stocktakeId: st.id }, order: { id: 'ASC' } }),
    m.findOneByOrFail(Warehouse, { id: st.warehouseId }),
    m.findOneBy(Location, { kind: 'warehouse', refId: st.warehouseId }),
  ]);
  const partIds = [...new Set(lines.map((l) => l.partId))];
  const [parts, balances] = partIds.length
    ? await Promise.all([
        m.findBy(Part, { id: In(partIds) }),
        loc ? m.findBy(StockBalance, { locationId: loc.id, partId: In(partIds) }) : [],
      ])
    : [[], []];
  const partOf = new Map(parts.map((p) => [p.id, p]));
  const counting = st.status === 'counting';
  const movedLines = new Set(counting ? (await movesDuringCount(m, { open: st.id })).map((x) => x.lineId) : []);
  const current = new Map(balances.map((b) => [b.partId, b.qty]));
  const report: VarianceReport = {
    stocktakeId: st.id,
    no: st.no,
    warehouseName: warehouse.name,
    status: st.status,
    lines: [],
    gainQty: 0,
    lossQty: 0,
    uncountedCount: 0,
    movedCount: 0,
  };
  let gainValue = 0;
  let lossValue = 0;
  for (const l of lines) {
    const p = partOf.get(l.partId);
    const difference = l.countedQty === null ? null : l.countedQty - l.bookQty;
    const unitCost = l.unitCost ?? p?.costPrice ?? 0;
    const currentQty = current.get(l.partId) ?? 0;
    // Only meaningful while counting: afterwards the balance moves on with the business.
    const moved = counting && (movedLines.has(l.id) || currentQty !== l.bookQty);
    const line: VarianceLine = {
      partId: l.partId,
      partCode: p?.code ?? '',
      partName: p?.name ?? '',
      partSpec: p?.spec ?? '',
      unit: p?.unit ?? '',
      bookQty: l.bookQty,
      countedQty: l.countedQty,
      difference,
      currentQty,
      moved,
      ...(showCost ? { unitCost, differenceValue: (difference ?? 0) * unitCost } : {}),
    };
    report.lines.push(line);
    if (difference === null) {
      report.uncountedCount++;
    } else if (difference > 0) {
      report.gainQty += difference;
      gainValue += difference * unitCost;
    } else if (difference < 0) {
      report.lossQty -= difference;
      lossValue -= difference * unitCost;
    }
    if (moved) report.movedCount++;
  }
  return showCost ? { ...report, gainValue, lossValue, netValue: gainValue - lossValue } : report;
}
