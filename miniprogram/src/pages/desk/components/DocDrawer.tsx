import type { ReactNode } from 'react';
import { Button, Drawer, Space, Spin } from 'antd';
import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { DecideButtons, type Decide } from './DocActions';

interface Props {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  /** false: a spinner instead of the body (the document is loading) */
  ready?: boolean;
  width?: number;
  /** buttons on the right of the title bar */
  actions?: ReactNode;
  testId: string;
  children: ReactNode;
}

/** The drawer every warehouse document (form or detail) opens in. */
export function DocDrawer({ open, title, onClose, ready = true, width = 1100, actions, testId, children }: Props) {
  return (
    <Drawer
      open={open}
      title={title}
      width={width}
      onClose={onClose}
      destroyOnHidden
      maskClosable={false}
      extra={actions ? <Space>{actions}</Space> : null}
      data-testid={testId}
    >
      {ready ? (
        <div data-testid={`${testId}-body`}>{children}</div>
      ) : (
        <div className="desk-center">
          <Spin />
        </div>
      )}
    </Drawer>
  );
}

/** A titled block of a document (基本信息, 审批信息, 配件信息...). */
export function Section({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <div className="desk-doc-section">
      <div className="desk-section-title">
        <span>{title}</span>
        {extra}
      </div>
      {children}
    </div>
  );
}

/** The + / - of a line: add a row after this one, remove this one. */
export function RowOps({
  onAdd,
  onRemove,
  canRemove = true,
  testId,
}: {
  onAdd: () => void;
  onRemove: () => void;
  canRemove?: boolean;
  testId: string;
}) {
  return (
    <Space size={4}>
      <Button size="small" icon={<PlusOutlined />} onClick={onAdd} aria-label="添加一行" data-testid={`${testId}-add`} />
      <Button
        size="small"
        icon={<MinusOutlined />}
        onClick={onRemove}
        disabled={!canRemove}
        aria-label="删除此行"
        data-testid={`${testId}-remove`}
      />
    </Space>
  );
}

/** The documents with a detail drawer: their name (the title is "领用单 LY-…") and the drawer's width. */
const DOC_KINDS = {
  requisition: { name: '领用单', width: 1000 },
  return: { name: '配件调回单', width: 1080 },
  inbound: { name: '入库单', width: 1000 },
};

interface DetailProps<T> {
  /** the document shown (null: closed) */
  id: number | null;
  /** the loaded document, null while it loads */
  doc: T | null;
  /** which document; also the test id prefix (requisition-detail) */
  kind: keyof typeof DOC_KINDS;
  onClose: () => void;
  /** this person may approve or reject it now (requisitions and returns) */
  decide?: Decide | false;
  /** the other buttons of the loaded document */
  actions: (doc: T) => ReactNode;
  children: (doc: T) => ReactNode;
}

/** The drawer of one document's details: a spinner until it has loaded, then its actions and body. */
export function DocDetailDrawer<T extends { no: string }>({ id, doc, kind, onClose, decide, actions, children }: DetailProps<T>) {
  const { name, width } = DOC_KINDS[kind];
  return (
    <DocDrawer
      open={id !== null}
      title={doc ? `${name} ${doc.no}` : name}
      onClose={onClose}
      ready={!!doc}
      width={width}
      testId={`${kind}-detail`}
      actions={
        doc && (
          <>
            {decide && kind !== 'inbound' && <DecideButtons kind={kind} {...decide} />}
            {actions(doc)}
          </>
        )
      }
    >
      {doc && children(doc)}
    </DocDrawer>
  );
}
