import { useEffect, useState } from 'react';
import { App, Empty, Input, Table, Tag } from 'antd';
import { formatDateTime, type Page, type PreviousService, type VehicleView, type WorkOrderState } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { errorText } from '../../lib/form';
import { readIdParam, readParam, writeViewParam } from '../../lib/location';
import { FilterBar, ViewHeader } from '../../components/ViewHeader';
import { WorkOrderStateTag } from '../work-orders/WorkOrderDetail';
import { VisitBlocks } from '../work-orders/Visits';

const VIEW = 'vehicleHistory';

/**
 * 一车一档: every order of one vehicle (opened from an order, a customer's vehicle, or by plate),
 * each with every visit: a rework's first visit keeps its own result, technician and parts.
 */
export default function VehicleHistory() {
  const { message } = App.useApp();
  const [vehicleId, setVehicleId] = useState<number | null>(() => readIdParam('vehicle'));
  const [plate, setPlate] = useState<string>(() => readParam('plate') ?? '');
  const [search, setSearch] = useState<string>(() => readParam('plate') ?? '');
  const [matches, setMatches] = useState<VehicleView[]>([]);
  const [rows, setRows] = useState<PreviousService[] | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!vehicleId) {
      setRows(null);
      return;
    }
    let alive = true;
    setLoading(true);
    api
      .get<PreviousService[]>(`/vehicle-history/${vehicleId}`)
      .then((r) => alive && setRows(r))
      .catch((e) => alive && message.error(errorText(e)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [vehicleId, message]);

  const pick = (v: { id: number; plate: string }) => {
    setVehicleId(v.id);
    setPlate(v.plate);
    setMatches([]);
    writeViewParam(VIEW, { vehicle: v.id, plate: v.plate });
  };

  const find = async (text: string) => {
    const kw = text.trim();
    if (!kw) return;
    try {
      const page = await api.get<Page<VehicleView>>('/vehicles', { keyword: kw, page: 1, pageSize: 20 });
      const exact = page.items.find((v) => v.plate.toUpperCase() === kw.toUpperCase());
      if (exact) pick(exact);
      else if (page.items.length === 1) pick(page.items[0]);
      else if (page.items.length === 0) message.warning(`没有找到车牌“${kw}”的车辆`);
      else setMatches(page.items);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <div data-testid={`view-${VIEW}`}>
      <ViewHeader title={plate ? `一车一档 · ${plate}` : '一车一档'} />
      <FilterBar>
        <Input.Search
          allowClear
          placeholder="输入车牌查找车辆"
          style={{ width: 240 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={find}
          enterButton="查找"
          data-testid="vehicle-history-search"
        />
      </FilterBar>
      {matches.length > 0 && (
        <Table<VehicleView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={matches}
          style={{ marginBottom: 12 }}
          data-testid="vehicle-history-matches"
          columns={[
            { title: '车牌号', dataIndex: 'plate', width: 120, render: (p: string, v) => <a onClick={() => pick(v)}>{p}</a> },
            { title: '客户', dataIndex: 'customerName', render: (v?: string) => v || '—' },
            { title: '车型', dataIndex: 'vehicleModelName', render: (v: string | null) => v || '—' },
            { title: '车架号', dataIndex: 'vin', render: (v: string) => v || '—' },
          ]}
        />
      )}
      {vehicleId ? (
        <Table<PreviousService>
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={rows ?? []}
          locale={{ emptyText: '该车还没有工单' }}
          data-testid="vehicle-history-table"
          columns={[
            { title: '日期', dataIndex: 'date', width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: '工单编号',
              dataIndex: 'no',
              width: 170,
              render: (v: string, r) => (
                <>
                  <div data-testid={`vh-order-${v}`}>{v}</div>
                  <WorkOrderStateTag state={r.state as WorkOrderState} />
                  {r.reworkCount > 0 ? <Tag color="red">返工 {r.reworkCount} 次</Tag> : null}
                </>
              ),
            },
            { title: '问题描述', dataIndex: 'problem', width: 220 },
            {
              title: '每次上门：技师、处理结果、用料与工时',
              key: 'visits',
              render: (_v, r) =>
                r.visits.length ? (
                  <div data-testid={`vh-parts-${r.no}`}>
                    <VisitBlocks visits={r.visits} testId={`vh-visits-${r.no}`} />
                  </div>
                ) : (
                  <span className="desk-muted">尚未派工</span>
                ),
            },
          ]}
        />
      ) : (
        matches.length === 0 && <Empty description="输入车牌查找车辆，或从工单、客户的车辆打开" />
      )}
    </div>
  );
}
