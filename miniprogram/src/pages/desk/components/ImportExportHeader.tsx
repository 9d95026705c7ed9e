import type { ReactNode } from 'react';
import { App, Button, Space } from 'antd';
import { download, type QueryValue } from '../lib/query';
import { ImportButton } from './ImportButton';
import { ViewHeader } from './ViewHeader';
import type { CrudEntity } from './CrudView';

interface Props {
  /** the page, its noun (新增客户, 正在导出当前筛选的客户…), `${path}/import`, `${path}/export` and the test id prefix */
  entity: Pick<CrudEntity, 'title' | 'noun' | 'path' | 'testPrefix'>;
  /** may create and import */
  writable: boolean;
  onNew: () => void;
  onImported: () => void;
  /** more buttons for those who may write (下载导入模板) */
  extra?: ReactNode;
  /** the list's filters, so the export has the rows on screen */
  exportQuery: Record<string, QueryValue>;
  /** may export (customers: customer.export); true when the view's read permission is enough */
  exportable?: boolean;
}

/** The title row of a master-data list that goes to and from Excel: 新增, 导入 and 导出. */
export function ImportExportHeader({ entity, writable, onNew, onImported, extra, exportQuery, exportable = true }: Props) {
  const { title, noun, path, testPrefix } = entity;
  const { message } = App.useApp();
  const actions = (
    <Space>
      {writable && (
        <>
          <Button type="primary" onClick={onNew} data-testid={`${testPrefix}-new`}>
            {`新增${noun}`}
          </Button>
          <ImportButton path={`${path}/import`} onDone={onImported} testId={`${testPrefix}-import`} />
          {extra}
        </>
      )}
      {exportable && (
        <Button
          onClick={() => {
            download(`${path}/export`, exportQuery);
            message.info(`正在导出当前筛选的${noun}…`);
          }}
          data-testid={`${testPrefix}-export`}
        >
          导出
        </Button>
      )}
    </Space>
  );
  return <ViewHeader title={title} extra={actions} />;
}
