import { useRef, useState } from 'react';
import { Alert, App, Button, Modal, Table } from 'antd';
import { api, ApiError } from '../../../api/request';
import { errorText } from '../lib/form';
import { fileToBase64 } from '../lib/query';

export interface ImportRowError {
  row: number;
  column?: string;
  message: string;
}

/** details.errors of a 422 IMPORT_INVALID answer, if that is what the error is. */
export function importErrorsOf(err: unknown): ImportRowError[] | null {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_INVALID') return null;
  const details = err.details as { errors?: unknown } | undefined;
  return Array.isArray(details?.errors) ? (details.errors as ImportRowError[]) : [];
}

const COUNT_LABELS: Record<string, string> = {
  imported: '导入',
  created: '新增',
  updated: '更新',
  skipped: '跳过',
  vehicles: '车辆',
  vehiclesCreated: '新增车辆',
};

function summary(result: unknown): string {
  if (!result || typeof result !== 'object') return '导入成功';
  const parts = Object.entries(result as Record<string, unknown>)
    .filter(([k, v]) => typeof v === 'number' && COUNT_LABELS[k])
    .map(([k, v]) => `${COUNT_LABELS[k]} ${v} 条`);
  return parts.length ? `导入成功：${parts.join('，')}` : '导入成功';
}

interface Props {
  /** POST route taking { filename, contentBase64 } */
  path: string;
  label?: string;
  onDone: () => void;
  testId: string;
}

/** 导入: pick an .xlsx, send it, and show the per-row error report when the server refuses it. */
export function ImportButton({ path, label = '导入', onDone, testId }: Props) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<{ filename: string; errors: ImportRowError[]; message: string } | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (!/\.xlsx$/i.test(file.name)) {
      message.error('请选择 .xlsx 格式的 Excel 文件');
      return;
    }
    if (file.size > 5 * 1024 * 1024) {
      message.error('文件过大（最大 5 MB），请拆分后分批导入');
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = await fileToBase64(file);
      const result = await api.post<unknown>(path, { filename: file.name, contentBase64 });
      message.success(summary(result));
      onDone();
    } catch (e) {
      const errors = importErrorsOf(e);
      if (errors) setReport({ filename: file.name, errors, message: errorText(e) });
      else message.error(errorText(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        style={{ display: 'none' }}
        data-testid={`${testId}-file`}
        onChange={(e) => onFile(e.target.files?.[0])}
      />
      <Button loading={busy} onClick={() => input.current?.click()} data-testid={testId}>
        {label}
      </Button>
      <Modal
        open={!!report}
        title="导入失败：文件有错误"
        width={760}
        onCancel={() => setReport(null)}
        footer={
          <Button type="primary" onClick={() => setReport(null)} data-testid="import-errors-close">
            知道了
          </Button>
        }
      >
        {report && (
          <div data-testid="import-errors">
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={report.message}
              description={`${report.filename}：共 ${report.errors.length} 处错误。本次没有导入任何数据，请在 Excel 中改正下表各行后重新导入。`}
            />
            <Table<ImportRowError & { key: number }>
              size="small"
              dataSource={report.errors.map((e, key) => ({ ...e, key }))}
              pagination={report.errors.length > 10 ? { pageSize: 10, showTotal: (t) => `共 ${t} 条`, showSizeChanger: false } : false}
              columns={[
                { title: '行号', dataIndex: 'row', width: 80 },
                { title: '列', dataIndex: 'column', width: 140, render: (v?: string) => v || '—' },
                { title: '错误', dataIndex: 'message' },
              ]}
            />
          </div>
        )}
      </Modal>
    </>
  );
}
