import { useState } from 'react';
import { Button, Descriptions, Result, Spin, Table } from 'antd';
import { formatDateTime, type ReconciliationReport } from '@hongyuan/shared';
import { useDoc } from '../../lib/stock';
import { ViewHeader } from '../../components/ViewHeader';
import { Section } from '../../components/DocDrawer';

/** 对账 (admin): every balance equals its moves, nobody holds a negative quantity, every loss has a reason. */
export default function Reconciliation() {
  const [version, setVersion] = useState(0);
  const { doc: report, loading } = useDoc<ReconciliationReport>('/stock/reconciliation', version);

  return (
    <div data-testid="view-reconciliation">
      <ViewHeader
        title="库存对账"
        extra={
          <Button type="primary" loading={loading} onClick={() => setVersion((v) => v + 1)} data-testid="reconciliation-run">
            重新对账
          </Button>
        }
      />
      {!report ? (
        <div className="desk-center">
          <Spin />
        </div>
      ) : (
        <div data-testid="reconciliation-report" data-ok={report.ok ? 'true' : 'false'}>
          <Result
            status={report.ok ? 'success' : 'error'}
            title={report.ok ? '账实相符：所有库存余额与流水一致' : '对账发现问题，请核查下列记录'}
            subTitle={`对账时间 ${formatDateTime(report.checkedAt)}`}
          />
          <Descriptions size="small" bordered column={6}>
            <Descriptions.Item label="流水">{report.moves} 条</Descriptions.Item>
            <Descriptions.Item label="余额">{report.balances} 条</Descriptions.Item>
            <Descriptions.Item label="余额与流水不符">{report.mismatches.length}</Descriptions.Item>
            <Descriptions.Item label="负数库存">{report.negatives.length}</Descriptions.Item>
            <Descriptions.Item label="去向不明">{report.unexplained.length}</Descriptions.Item>
            <Descriptions.Item label="盘点期间账面变动">{report.movedDuringCount.length}</Descriptions.Item>
          </Descriptions>
          {report.mismatches.length > 0 && (
            <Section title="余额与流水不符">
              <Table
                size="small"
                rowKey={(r) => `${r.partId}:${r.locationId}`}
                dataSource={report.mismatches}
                pagination={false}
                columns={[
                  { title: '配件 ID', dataIndex: 'partId' },
                  { title: '库位 ID', dataIndex: 'locationId' },
                  { title: '余额', dataIndex: 'balance', align: 'right' },
                  { title: '按流水应为', dataIndex: 'fromMoves', align: 'right' },
                ]}
              />
            </Section>
          )}
          {report.negatives.length > 0 && (
            <Section title="负数库存">
              <Table
                size="small"
                rowKey={(r) => `${r.partId}:${r.locationId}`}
                dataSource={report.negatives}
                pagination={false}
                columns={[
                  { title: '配件 ID', dataIndex: 'partId' },
                  { title: '库位 ID', dataIndex: 'locationId' },
                  { title: '数量', dataIndex: 'qty', align: 'right' },
                ]}
              />
            </Section>
          )}
          {report.movedDuringCount.length > 0 && (
            <Section title="盘点期间账面有变动的盘点差异（差异按盘点时的账面计算，可能重复或遗漏了这些出入库，请复盘核实）">
              <Table
                size="small"
                rowKey={(r) => `${r.stocktakeId}:${r.partId}`}
                dataSource={report.movedDuringCount}
                pagination={false}
                data-testid="reconciliation-moved"
                columns={[
                  { title: '盘点单', dataIndex: 'no', width: 160 },
                  { title: '仓库', dataIndex: 'warehouseName', width: 120 },
                  { title: '配件', dataIndex: 'part' },
                  { title: '盘点账面', dataIndex: 'bookQty', align: 'right', width: 90 },
                  { title: '实盘', dataIndex: 'countedQty', align: 'right', width: 70 },
                  { title: '已调整差异', dataIndex: 'difference', align: 'right', width: 100 },
                  {
                    title: '期间出入库',
                    key: 'moved',
                    width: 120,
                    render: (_v, r) => `入 ${r.movedIn}，出 ${r.movedOut}`,
                  },
                  { title: '相关单据', dataIndex: 'docs', render: (v: string[]) => v.join('、') },
                ]}
              />
            </Section>
          )}
          {report.unexplained.length > 0 && (
            <Section title="去向不明的流水">
              <Table
                size="small"
                rowKey="moveId"
                dataSource={report.unexplained}
                pagination={false}
                columns={[
                  { title: '流水 ID', dataIndex: 'moveId' },
                  { title: '问题', dataIndex: 'problem' },
                ]}
              />
            </Section>
          )}
        </div>
      )}
    </div>
  );
}
